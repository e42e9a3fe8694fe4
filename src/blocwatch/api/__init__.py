"""HTTP API stage: the store's analyses as JSON under /api, with the dashboard at / (`create_app`)."""

from blocwatch.api.app import create_app

__all__ = ["create_app"]
