"""`python run.py play`: the trainee console (placeholder until the console lands)."""

from __future__ import annotations


def play(args) -> int:
    from run import load_scenario_or_explain

    scenario = load_scenario_or_explain(args.file)
    print(f"{scenario.title}\n\n{scenario.brief}\nThe console is not built yet; try: python run.py simulate")
    return 0
