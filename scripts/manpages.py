#!/usr/bin/env python3
"""Writes man pages for `strata` and each subcommand from the command definitions.

swift-argument-parser describes every command, argument, option and flag as JSON
(`strata --experimental-dump-help`); this turns that description into man(7) pages, so the
pages cannot drift from `--help`. usage: scripts/manpages.py STRATA_BINARY OUTPUT_DIR VERSION
"""
import json
import subprocess
import sys
from datetime import date
from pathlib import Path


def roff(text):
    """Escapes text for roff: backslashes, and a leading dot or quote that would start a request."""
    text = (text or "").replace("\\", "\\e")
    lines = []
    for line in text.split("\n"):
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def flag_names(argument):
    names = []
    for name in argument.get("names", []):
        prefix = "--" if name["kind"] in ("long", "longWithSingleDash") else "-"
        if name["kind"] == "longWithSingleDash":
            prefix = "-"
        names.append(prefix + name["name"])
    return names


def synopsis(path, command):
    parts = []
    for argument in command.get("arguments", []):
        if not argument.get("shouldDisplay", True):
            continue
        value = argument.get("valueName", "value")
        if argument["kind"] == "positional":
            text = f"\\fI{value}\\fR" + (" ..." if argument.get("isRepeating") else "")
        else:
            names = flag_names(argument)
            text = f"\\fB{names[0]}\\fR" if names else ""
            if argument["kind"] == "option":
                text += f" \\fI{value}\\fR"
        parts.append(f"[{text}]" if argument.get("isOptional") else text)
    return f".B {' '.join(path)}\n" + " ".join(parts)


def options_section(command):
    out = []
    for argument in command.get("arguments", []):
        if not argument.get("shouldDisplay", True):
            continue
        value = argument.get("valueName", "value")
        if argument["kind"] == "positional":
            head = f"\\fI{value}\\fR"
        else:
            head = ", ".join(f"\\fB{n}\\fR" for n in flag_names(argument))
            if argument["kind"] == "option":
                head += f" \\fI{value}\\fR"
        out.append(".TP\n" + head)
        body = roff(argument.get("abstract", ""))
        if argument.get("discussion"):
            body += "\n" + roff(argument["discussion"])
        if argument.get("allValues"):
            body += f"\nOne of: {', '.join(argument['allValues'])}."
        if argument.get("defaultValue") not in (None, ""):
            body += f"\nDefault: {roff(argument['defaultValue'])}."
        out.append(body)
    return "\n".join(out)


def page(path, command, version, subcommands):
    name = "-".join(path)
    title = name.upper()
    today = date.today().strftime("%Y-%m-%d")
    text = [
        f'.TH {title} 1 "{today}" "strata {version}" "Strata manual"',
        ".SH NAME",
        f"{name} \\- {roff(command.get('abstract', ''))}",
        ".SH SYNOPSIS",
        synopsis(path, command),
    ]
    if command.get("discussion"):
        text += [".SH DESCRIPTION", roff(command["discussion"])]
    options = options_section(command)
    if options:
        text += [".SH OPTIONS", options]
    if subcommands:
        text.append(".SH COMMANDS")
        for sub in subcommands:
            text += [".TP", f"\\fB{sub['commandName']}\\fR", roff(sub.get("abstract", "")),
                     f"See \\fBstrata-{sub['commandName']}\\fR(1)."]
    text += [".SH EXIT STATUS",
             "0 when the command succeeded (and, where it applies, found nothing to change), "
             "1 on an error or a refused change, 2 where a command documents a third outcome "
             "(for example \\fBplan --detailed-exitcode\\fR with changes).",
             ".SH SEE ALSO",
             "\\fBstrata\\fR(1); the manual in /usr/share/doc/strata/."]
    return "\n".join(text) + "\n"


def main():
    binary, output, version = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    dump = json.loads(subprocess.run([binary, "--experimental-dump-help"], check=True,
                                     capture_output=True, text=True).stdout)
    root = dump["command"]
    subcommands = [s for s in root.get("subcommands", []) if s.get("shouldDisplay", True) and s["commandName"] != "help"]
    output.mkdir(parents=True, exist_ok=True)
    (output / "strata.1").write_text(page(["strata"], root, version, subcommands))
    for sub in subcommands:
        (output / f"strata-{sub['commandName']}.1").write_text(page(["strata", sub["commandName"]], sub, version, []))


if __name__ == "__main__":
    main()
