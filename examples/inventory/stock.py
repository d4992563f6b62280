"""Stock levels, still on the SQLAlchemy 1.x API."""

from __future__ import annotations

from sqlalchemy import Column, Integer, String
from sqlalchemy.ext.declarative import declarative_base
from sqlalchemy.orm import Session

Base = declarative_base()


class StockLevel(Base):
    __tablename__ = "stock_levels"

    sku = Column(String, primary_key=True)
    quantity = Column(Integer, nullable=False)


def in_stock(session: Session, skus: list[str]) -> list[StockLevel]:
    return [session.query(StockLevel).get(sku) for sku in skus]


def discontinued(session: Session) -> list[StockLevel]:
    return session.query(StockLevel).filter(StockLevel.quantity == None).all()
