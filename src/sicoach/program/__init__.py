"""The individual program: intake, screening, plan and progression.

Import from the modules: ``program.intake`` (parse_intake), ``program.screening``
(red_flags, precautions, referral), ``program.plan`` (build_plan, estimated_seconds,
holds), ``program.progression`` (next_dose). The package re-exports nothing.
"""

__all__: list[str] = []
