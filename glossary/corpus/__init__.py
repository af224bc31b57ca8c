"""Many files at once: folders walked, files read in worker processes, imports resumed."""
