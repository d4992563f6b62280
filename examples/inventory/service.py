"""Business logic."""

from typing import Optional, Union

from .models import Item
from .repository import ItemRepository


class PricingService:
    discount_percent = 10

    def __init__(self, repository: ItemRepository) -> None:
        self.repository = repository

    def price_of(self, sku: str) -> Optional[int]:
        item = self.repository.get(sku)
        if item is None:
            return None
        return self.discounted(item)

    def discounted(self, item: Item) -> int:
        return item.price_cents * (100 - self.discount_percent) // 100

    def parse_quantity(self, raw: Union[str, int]):
        return int(raw)
