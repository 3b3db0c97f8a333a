"""Package data: themes, templates, H5 player, norms, samples, translations."""
