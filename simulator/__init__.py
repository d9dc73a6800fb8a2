"""The engine: a storm that runs forward in simulated time and reacts to what the trainee does.

`session.Session` is its public face; docs/architecture.md maps its modules. Pure and
deterministic for (scenario, seed, actions); it never imports scoring or Textual.
"""
