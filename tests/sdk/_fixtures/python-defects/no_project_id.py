# breaks: client.project-id
# run on: huaweicloud
"""Huawei: no X-Project-Id header (so it is not signed either); the project id is only in the path."""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside harness.py
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), *[os.pardir] * 4, "examples", "python-harness"))
import harness  # noqa: E402

_headers = harness.huawei_headers


def huawei_headers(msg):
    headers = _headers(msg)
    headers.pop('X-Project-Id', None)
    return headers


harness.huawei_headers = huawei_headers
harness.main()
