"""Media helpers shared by the forms: fonts, CJK line breaking, TTS, slide rasterisers, ffmpeg."""
