"""The individual program: intake, plan and progression."""
