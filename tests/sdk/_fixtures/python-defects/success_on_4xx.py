# breaks: client.surfaces-outcome
# run on: volcengine
"""Both clouds: every 4xx answer is handed back as a success (ok: true, the error body as data)."""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside harness.py
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), *[os.pardir] * 4, "examples", "python-harness"))
import harness  # noqa: E402

_normalise = harness.normalise


def normalise(operation, status, headers, body):
    outcome = _normalise(operation, status, headers, body)
    if not outcome.get('ok') and 400 <= status <= 499:
        success = {'ok': True, 'status': status, 'data': harness._json(body)}
        if 'requestId' in outcome:
            success['requestId'] = outcome['requestId']
        return success
    return outcome


harness.normalise = normalise
harness.main()
