"""The intake questions in plain words, keyed by intake field, for every front end.

Red-flag questions live with the red flags (:data:`sicoach.program.screening.ASKED_RED_FLAGS`),
precaution questions with the precautions
(:data:`sicoach.program.screening.PRECAUTION_QUESTIONS`); these are the rest. The CLI's
``sicoach start`` and the web intake form ask the same words.
"""

from __future__ import annotations

__all__ = ["EQUIPMENT_QUESTIONS", "HARD_POSITION_QUESTIONS", "QUESTIONS"]

QUESTIONS: dict[str, str] = {
    "age": "How old are you (years)?",
    "pain.now": "How bad is the pain right now, 0 (none) to 10 (worst)?",
    "pain.sides": "Which side hurts?",
    "pain.areas": "Where is the pain?",
    "pain.weeks": "How many weeks have you had this pain?",
    "joint_stiff": "Is your SI joint known, or thought, to be stiff (fixation)?",
    "minutes_per_day": "How many minutes a day can you give it?",
    "pelvic_rotation_ok": (
        "The pelvic rotation stretch may not suit everyone. Has a clinician (doctor or physical "
        "therapist) agreed that you should do it?"
    ),
    "preferred_time": "What time of day would you like to stretch?",
    "pain.improving": "Has the pain been getting better over the last few weeks?",
    "assessed_by_clinician": "Has a doctor or physical therapist already examined you for this "
    "pain?",
}

HARD_POSITION_QUESTIONS: dict[str, str] = {
    "floor": "Is getting down to the floor hard for you?",
    "lying-on-stomach": "Is lying on your stomach hard for you?",
    "standing-on-one-leg": "Is standing on one leg hard for you?",
}
"""One question per hard position (a yes adds it to ``hard_positions``)."""

EQUIPMENT_QUESTIONS: dict[str, str] = {
    "two-chairs": "Do you have two chairs at hand?",
    "wall": "Do you have a clear wall to lean on?",
}
"""One question per piece of equipment (a yes adds it to ``equipment``)."""
