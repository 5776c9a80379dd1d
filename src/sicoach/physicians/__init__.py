"""Find a physician near you: specialties as data, the NPPES file reader, distance and order."""
