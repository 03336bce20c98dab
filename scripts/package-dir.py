"""Prints the source folder of one package of a `cargo metadata` document read on stdin.

Usage: cargo metadata --format-version 1 | python3 package-dir.py NAME VERSION
Fails (exit 1) when the document does not hold that package.
"""

import json
import os
import sys


def main() -> int:
    name, version = sys.argv[1:3]
    metadata = json.load(sys.stdin)
    for package in metadata["packages"]:
        if package["name"] == name and package["version"] == version:
            print(os.path.dirname(package["manifest_path"]))
            return 0
    print(f"cargo metadata lists no package {name} {version}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
