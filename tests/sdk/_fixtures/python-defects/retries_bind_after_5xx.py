# breaks: client.retry-safe
# run on: huaweicloud
"""Huawei: a bind (AssociateKeypair, BatchAssociateKeypair), which has no token, is resent after a 5xx, a reset or a
timeout, without first learning whether the first one was done."""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside harness.py
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), *[os.pardir] * 4, "examples", "python-harness"))
import harness  # noqa: E402

_should_retry = harness.should_retry


def should_retry(operation, status_or_exc, attempt):
    if operation != 'AttachKeyPair' and attempt < harness.MAX_ATTEMPTS:
        if isinstance(status_or_exc, harness.TransportError):
            return True
        if status_or_exc == 429 or 500 <= status_or_exc <= 599:
            return True
    return _should_retry(operation, status_or_exc, attempt)


harness.should_retry = should_retry
harness.main()
