"""The maker's authoring workspace: import, edit, render, preview, check, deliver."""
