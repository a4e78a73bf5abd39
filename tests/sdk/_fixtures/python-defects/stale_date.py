# breaks: client.signature
# run on: volcengine
"""Both clouds: the signing clock is 20 minutes slow, so X-Sdk-Date and X-Date are outside the 15-minute window."""
import datetime
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside harness.py
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), *[os.pardir] * 4, "examples", "python-harness"))
import harness  # noqa: E402

_now = harness.utc_now


def utc_now():
    return _now() - datetime.timedelta(minutes=20)


harness.utc_now = utc_now
harness.main()
