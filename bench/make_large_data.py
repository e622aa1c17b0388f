"""Write a synthetic data file N times the bundled one (default 100), valid against the same contract."""

import argparse
import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.schemas.source import printed_label  # noqa: E402


class NoAliasDumper(yaml.SafeDumper):
    """Write repeated values in full: the contract refuses aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def scale(data: dict[str, Any], times: int) -> dict[str, Any]:
    """Repeat the duties and divisions `times` times, with unique numbers, ids and names."""
    duties, divisions, names_en, links = [], [], {}, []
    for k in range(times):
        offset = k * len(data["duties"])
        for duty in data["duties"]:
            n = duty["n"] + offset
            duties.append({"n": n, "label": printed_label(n), "text": duty["text"]})
        for division in data["divisions"]:
            n = division["n"] + k * len(data["divisions"])
            copy_id = f"{division['id']}-{k}"
            others = [{**other, "name": f"{other['name']}{k}"} for other in division.get("other_names", [])]
            copy = {
                "n": n,
                "id": copy_id,
                "label": printed_label(n),
                "name": f"{division['name']}{k}",
                "mandate": division["mandate"],
            }
            if others:
                copy["other_names"] = [{**o, "source": f"{o['source']}{o['name']}"} for o in others]
            divisions.append(copy)
            names_en[copy_id] = data["editorial"]["division_names_en"][division["id"]]
        for link in data["editorial"]["duty_links"]:
            evidence = [{**e, "division": f"{e['division']}-{k}"} for e in link["evidence"]]
            links.append({**link, "duty": link["duty"] + offset, "evidence": evidence})
    honours = [{**h, "division": f"{h['division']}-0" if h["division"] else None} for h in data["honours"]]
    for honour in honours:
        if honour["division"]:
            honour["recipient"] = honour["recipient"] + "0"
            honour["source"] = honour["source"].replace(honour["recipient"][:-1], honour["recipient"])
    editorial = {**data["editorial"], "division_names_en": names_en, "duty_links": links}
    english = data["editorial"].get("english")
    if english:
        mandates = {f"{division}-{k}": texts for k in range(times) for division, texts in english["mandates"].items()}
        others = {f"{name}{k}": text for k in range(times) for name, text in english["other_names"].items()}
        editorial["english"] = {**english, "duties": english["duties"] * times, "mandates": mandates, "other_names": others}
    editorial["subjects"] = {  # the subject index speaks for the first copy of each division
        term: re.sub(r"([a-z][a-z0-9-]*)\.([0-9]+)", r"\1-0.\2", line)
        for term, line in data["editorial"].get("subjects", {}).items()
    }
    return {**data, "duties": duties, "divisions": divisions, "honours": honours, "editorial": editorial}


def main() -> None:
    """Read the bundled file, scale it, write the result."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--times", type=int, default=100)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "lnst-x100.yaml")
    args = parser.parse_args()
    data = yaml.safe_load((ROOT / "data" / "lnst.yaml").read_text(encoding="utf-8"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(scale(data, args.times), Dumper=NoAliasDumper, allow_unicode=True, sort_keys=False)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes, {args.times}x the bundled data)")


if __name__ == "__main__":
    main()
