"""Camera and video capture with MediaPipe Pose (the optional ``sicoach[camera]`` extra)."""
