"""Streaming: direct play, remux, transcode and HLS for every playback session."""
