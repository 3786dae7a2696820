"""Checks that Strata and Ansible give every machine the same effective values.

Both outputs can be hundreds of megabytes, so neither is loaded whole: each host's object is
decoded on its own (json.JSONDecoder.raw_decode) and reduced to one digest per feature.
"""
import hashlib
import json

_decoder = json.JSONDecoder()


def _skip(text, index):
    while text[index] in " \t\r\n":
        index += 1
    return index


def _members(text, index):
    """Yields (key, value) of the JSON object starting at text[index] == '{', one member at a time."""
    index = _skip(text, index)
    assert text[index] == "{", f"expected an object at offset {index}"
    index = _skip(text, index + 1)
    if text[index] == "}":
        return
    while True:
        key, index = _decoder.raw_decode(text, index)
        index = _skip(text, index)
        assert text[index] == ":"
        value, index = _decoder.raw_decode(text, _skip(text, index + 1))
        yield key, value
        index = _skip(text, index)
        if text[index] == "}":
            return
        assert text[index] == ",", f"expected , at offset {index}"
        index = _skip(text, index + 1)


def _items(text, index):
    """Yields the values of the JSON array starting at text[index] == '['."""
    index = _skip(text, index)
    assert text[index] == "["
    index = _skip(text, index + 1)
    if text[index] == "]":
        return
    while True:
        value, index = _decoder.raw_decode(text, index)
        yield value
        index = _skip(text, index)
        if text[index] == "]":
            return
        assert text[index] == ","
        index = _skip(text, index + 1)


def _digest(value):
    return hashlib.sha256(json.dumps(value, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def strata_digests(path):
    """{machine: {feature: digest}} for features some mode configures; defaults are left out."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    index = text.index('"machines"')
    index = text.index("[", index)
    result = {}
    for machine in _items(text, index):
        provenance = machine["provenance"]
        result[machine["machine"]] = {
            name: _digest(value) for name, value in machine["settings"].items() if provenance[name] != "default"
        }
    return result


def ansible_digests(path):
    """{host: {variable: digest}} from `ansible-inventory --list`."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    index = text.index('"hostvars"')
    index = text.index("{", index)
    return {host: {name: _digest(value) for name, value in variables.items()} for host, variables in _members(text, index)}


def compare(strata_json, ansible_json):
    """Returns (machines compared, list of mismatch descriptions)."""
    strata = strata_digests(strata_json)
    ansible = ansible_digests(ansible_json)
    problems = []
    for host in sorted(set(strata) ^ set(ansible)):
        problems.append(f"{host}: only in {'Strata' if host in strata else 'Ansible'}")
    for host in sorted(set(strata) & set(ansible)):
        ours, theirs = strata[host], ansible[host]
        for feature in sorted(set(ours) | set(theirs)):
            if ours.get(feature) != theirs.get(feature):
                where = "differs" if feature in ours and feature in theirs else (
                    "configured only in Strata" if feature in ours else "set only in Ansible")
                problems.append(f"{host}: {feature} {where}")
    return len(strata), problems
