"""Document: template and pool files read into located documents, shape-checked and modelled."""
