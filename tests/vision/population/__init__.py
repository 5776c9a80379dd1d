"""A population of camera-check recordings that the recognisers were not built from."""
