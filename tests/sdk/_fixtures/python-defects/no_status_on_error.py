# breaks: client.surfaces-outcome
# run on: volcengine
"""Both clouds: error outcomes carry no HTTP status (code, message and requestId are still there)."""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside harness.py
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), *[os.pardir] * 4, "examples", "python-harness"))
import harness  # noqa: E402

_normalise = harness.normalise


def normalise(operation, status, headers, body):
    outcome = _normalise(operation, status, headers, body)
    if not outcome.get('ok'):
        outcome.pop('status', None)
    return outcome


harness.normalise = normalise
harness.main()
