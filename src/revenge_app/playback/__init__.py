"""Playback: sessions, their streams (direct, remux, transcode, HLS), live events."""
