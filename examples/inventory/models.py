"""Domain models."""

from dataclasses import dataclass
from typing import Dict, List, Optional, TypeVar, Generic

T = TypeVar("T")


@dataclass
class Item:
    sku: str
    name: str
    price_cents: int
    tags: List[str]
    description: Optional[str] = None


class Page(Generic[T]):
    default_size = 20

    def __init__(self, items: List[T], total: int):
        self.items = items
        self.total = total

    def first(self) -> Optional[T]:
        return self.items[0] if self.items else None

    def with_total(self, total: int) -> "Page":
        self.total = total
        return self


def index_by_sku(items: List[Item]) -> Dict[str, Item]:
    return {item.sku: item for item in items}
