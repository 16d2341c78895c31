#!/usr/bin/env python3
"""Compares the numbers of two reference JSON files (same keys, strings ignored).

Prints the largest absolute and relative difference under each top-level key; exits 1 if any exceeds --rtol.
Used once when a fixture is regenerated, to check the new file against an earlier one:

  /usr/bin/python3 tools/reference/compare_json.py OLD.json NEW.json --rtol 1e-9
"""

import argparse
import json
import sys


def leaves(value, path=''):
    if isinstance(value, dict):
        for key in sorted(value):
            yield from leaves(value[key], '%s/%s' % (path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from leaves(item, '%s/%d' % (path, i))
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield path, float(value)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('a')
    parser.add_argument('b')
    parser.add_argument('--rtol', type=float, default=1e-9)
    parser.add_argument('--atol', type=float, default=0.0)
    args = parser.parse_args()
    with open(args.a) as f:
        a = dict(leaves(json.load(f)))
    with open(args.b) as f:
        b = dict(leaves(json.load(f)))
    if a.keys() != b.keys():
        print('different numeric fields:', sorted(a.keys() ^ b.keys())[:10])
        return 1
    worst = {}
    failed = False
    for path, x in a.items():
        y = b[path]
        diff = abs(x - y)
        top = path.split('/')[1]
        rel = diff / max(abs(x), 1e-300)
        old = worst.get(top, (0.0, 0.0))
        worst[top] = (max(old[0], diff), max(old[1], rel) if x != 0 else old[1])
        if diff > args.atol + args.rtol * abs(x):
            failed = True
    for top, (diff, rel) in worst.items():
        print('%-55s max difference %.3g, relative (non-zero entries) %.3g' % (top, diff, rel))
    print('FAILED' if failed else 'agree within rtol %g, atol %g' % (args.rtol, args.atol))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
