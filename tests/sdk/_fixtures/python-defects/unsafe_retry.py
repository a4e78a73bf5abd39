# breaks: client.retry-safe
# run on: volcengine
"""Volcengine: a retried AttachKeyPair (after a 429, a 5xx, a reset or a timeout) is sent without its ClientToken,
so the server cannot tell it from a new request and may do the operation twice."""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside harness.py
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), *[os.pardir] * 4, "examples", "python-harness"))
import harness  # noqa: E402

_query = harness.volcengine_query
_last = [None]


def volcengine_query(request):
    # The harness builds the query once per attempt from the same request object: a second call is a retry.
    retry = request is _last[0]
    _last[0] = request
    if retry and isinstance(request, dict):
        request = {k: v for k, v in request.items() if k != 'ClientToken'}
    return _query(request)


harness.volcengine_query = volcengine_query
harness.main()
