#!/usr/bin/python3
"""Checks every response the tests recorded against docs/openapi.yaml.

usage: check-responses.py OPENAPI.yaml DIR

DIR holds one *.jsonl file per test (tests/support/ResponseRecorder.h): one JSON object per line with method,
path, status, content_type and, for JSON bodies, body. Each response must belong to an operation of the
document (method + path template), its status must be one the operation lists (or, for 5xx, its `default`),
its media type one the response lists, and a JSON body must validate against the response's schema (JSON
Schema 2020-12, the dialect of OpenAPI 3.1, with Debian's python3-jsonschema). Exit 0 when all do, 1 with one
line per problem (grouped, at most a few examples each) otherwise.
"""

import collections
import json
import pathlib
import re
import sys
import warnings

import jsonschema
import yaml

METHODS = ("get", "put", "post", "delete", "patch", "options", "head")


def compile_paths(document):
    """(regex, template, path item) for every path, the most literal first (/health/ready before /{id})."""
    compiled = []
    for template, item in document.get("paths", {}).items():
        parts = []
        for segment in template.strip("/").split("/"):
            if segment.startswith("{") and segment.endswith("}"):
                # x-certdesk-rest: the parameter takes the rest of the path (the server's "{*}" route).
                name = segment[1:-1]
                rest = any(
                    p.get("name") == name and p.get("x-certdesk-rest")
                    for p in item.get("parameters", []) + [
                        q for m in METHODS if m in item for q in item[m].get("parameters", [])
                    ]
                )
                parts.append(".+" if rest else "[^/]+")
            else:
                parts.append(re.escape(segment))
        literal = sum(1 for s in template.split("/") if s and not s.startswith("{"))
        compiled.append((literal, re.compile("^/" + "/".join(parts) + "$"), template, item))
    compiled.sort(key=lambda entry: -entry[0])
    return [(regex, template, item) for _, regex, template, item in compiled]


def resolve(document, node):
    while isinstance(node, dict) and "$ref" in node:
        pointer = node["$ref"]
        if not pointer.startswith("#/"):
            raise ValueError("only local $ref: " + pointer)
        node = document
        for key in pointer[2:].split("/"):
            node = node[key.replace("~1", "/").replace("~0", "~")]
    return node


def media_matches(documented, received):
    received = received.split(";")[0].strip().lower()
    documented = documented.lower()
    if documented == received or documented == "*/*":
        return True
    if documented.endswith("/*"):
        return received.startswith(documented[:-1])
    return False


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    document = yaml.safe_load(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8"))
    directory = pathlib.Path(sys.argv[2])
    paths = compile_paths(document)
    validator_class = jsonschema.Draft202012Validator
    with warnings.catch_warnings():
        # RefResolver is what Debian 12's jsonschema 4.10 has; newer versions warn that it is deprecated.
        warnings.simplefilter("ignore", DeprecationWarning)
        resolver = jsonschema.RefResolver(base_uri="", referrer=document)

    problems = collections.defaultdict(list)
    seen = collections.Counter()
    checked = 0
    for file in sorted(directory.glob("*.jsonl")):
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            record = json.loads(line)
            where = "%s:%d" % (file.name, number)
            method = record["method"].lower()
            path = record["path"]
            status = str(record["status"])
            checked += 1
            # The document says this once for all too: any request may be answered 429 rate_limited before it
            # is read, when its address has too many connections open at once (the per-address cap).
            if status == "429" and (record.get("body") or {}).get("error", {}).get("code") == "rate_limited":
                seen["(connection cap) 429"] += 1
                continue
            match = next(((t, item) for regex, t, item in paths if regex.match(path) and method in item), None)
            if match is None:
                # The document says it once for all: any other path is 404 not_found with an Error body.
                if status == "404" and (record.get("body") or {}).get("error", {}).get("code") == "not_found":
                    seen["(unknown path) 404"] += 1
                    continue
                problems["undocumented operation %s %s" % (method.upper(), re.sub(r"/[0-9a-f-]{16,}", "/…", path))].append(where)
                continue
            template, item = match
            operation = item[method]
            key = "%s %s %s" % (method.upper(), template, status)
            seen[key] += 1
            responses = operation.get("responses", {})
            response = responses.get(status)
            if response is None and status.startswith("5"):
                response = responses.get("default")
            if response is None:
                problems["%s %s: status %s is not documented" % (method.upper(), template, status)].append(where)
                continue
            response = resolve(document, response)
            content = response.get("content", {})
            received_type = record.get("content_type", "")
            if not content:
                if record.get("body") is not None or received_type:
                    if received_type and not received_type.startswith("text/plain"):
                        problems["%s: documented without a body, got %s" % (key, received_type)].append(where)
                continue
            media = next((m for m in content if media_matches(m, received_type)), None)
            if media is None:
                problems["%s: %s is not a documented media type (%s)" % (key, received_type or "no Content-Type", ", ".join(content))].append(where)
                continue
            if "unparsable_body" in record:
                problems["%s: the body is not JSON" % key].append(where)
                continue
            if "body" not in record:
                continue
            schema = content[media].get("schema")
            if schema is None:
                problems["%s: no schema for %s" % (key, media)].append(where)
                continue
            validator = validator_class(schema, resolver=resolver, format_checker=jsonschema.FormatChecker())
            for error in validator.iter_errors(record["body"]):
                location = "/".join(str(p) for p in error.absolute_path) or "(body)"
                problems["%s: at %s: %s" % (key, location, error.message[:300])].append(where)

    print("checked %d responses of %d (operation, status) pairs against %s" % (checked, len(seen), sys.argv[1]))
    # Which operations no test reached (information: the document may describe more than the tests try).
    reached = {" ".join(key.split(" ")[:2]) for key in seen}
    missed = sorted(
        "%s %s" % (m.upper(), template)
        for _, template, item in paths
        for m in METHODS
        if m in item and "%s %s" % (m.upper(), template) not in reached
    )
    if missed and checked:
        print("not reached by these tests: " + ", ".join(missed))
    if not problems:
        return 0
    for problem, places in sorted(problems.items()):
        print("PROBLEM %s  [%d× e.g. %s]" % (problem, len(places), ", ".join(places[:3])))
    print("%d problems" % len(problems))
    return 1


if __name__ == "__main__":
    sys.exit(main())
