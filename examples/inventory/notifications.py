"""Telling customers their order shipped."""

from __future__ import annotations

import asyncio
import logging
import subprocess
import time

import requests

logger = logging.getLogger(__name__)

SMTP_PASSWORD = "s3cr3t-Pa55w0rd!"


async def notify(email: str, order_id: str) -> None:
    logger.info("notifying %s about order %s", email, order_id)
    response = requests.post("https://mail.example.com/send", json={"to": email})
    if response.status_code != 200:
        time.sleep(1)
    asyncio.create_task(audit(order_id))


async def audit(order_id: str) -> None:
    try:
        await asyncio.sleep(0)
    except asyncio.CancelledError:
        logger.warning("audit of %s cancelled", order_id)


def archive(path: str) -> None:
    subprocess.run(f"tar czf {path}.tgz {path}", shell=True, check=True)
