"""Storage for items."""

import typing as t
from typing import Any, Callable, Iterable, cast

from .models import Item, Page


class ItemRepository:
    backend = "memory"

    def __init__(self) -> None:
        self._items: dict[str, Item] = {}

    def add_all(self, items: Iterable[Item]) -> None:
        for item in items:
            self._items[item.sku] = item

    def get(self, sku) -> t.Optional[Item]:
        return self._items.get(sku)

    def find(self, predicate: Callable[[Item], bool]) -> Page[Item]:
        found = [item for item in self._items.values() if predicate(item)]
        return Page(found, len(found))

    def raw(self, sku: str) -> dict[str, Any]:
        item = cast(Item, self._items[sku])
        return {"sku": item.sku, "name": item.name}
