"""Pictures for the demo articles, drawn here with Pillow (no photos copied from anywhere): a hall with a stage
and a red banner and rows of seats, or an outdoor scene with trees and people, in a palette chosen per image."""

import io
import math
import random

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 960, 540

PALETTES = [
    ((246, 236, 214), (179, 19, 27), (120, 86, 60)),
    ((224, 236, 246), (160, 24, 32), (70, 90, 120)),
    ((236, 246, 226), (190, 40, 40), (60, 110, 70)),
    ((250, 240, 230), (150, 20, 30), (140, 100, 50)),
]


def _people(draw: ImageDraw.ImageDraw, rng: random.Random, top: int, rows: int, colour) -> None:
    for row in range(rows):
        y = top + row * 42
        size = 14 + row * 2
        for x in range(30 + (row % 2) * 20, WIDTH - 20, 40 + row * 2):
            shade = tuple(max(0, min(255, c + rng.randint(-30, 30))) for c in colour)
            draw.ellipse([x - size, y - size, x + size, y + size], fill=shade)
            draw.rounded_rectangle([x - size - 6, y + size - 2, x + size + 6, y + size + 30], 8, fill=shade)


def _star(cx: float, cy: float, outer: float, inner: float) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy - radius * math.sin(angle)))
    return points


def draw_scene(seed: int, kind: str = "hall") -> bytes:
    rng = random.Random(seed)
    background, banner, people = PALETTES[seed % len(PALETTES)]
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(image)
    if kind == "hall":
        draw.rectangle([0, 0, WIDTH, 150], fill=tuple(c - 20 for c in background))
        draw.rectangle([120, 40, WIDTH - 120, 120], fill=banner)
        draw.polygon(_star(480, 80, 34, 14), fill=(242, 194, 48))
        draw.rectangle([80, 150, WIDTH - 80, 220], fill=(150, 110, 70))
        for x in range(160, WIDTH - 160, 130):
            draw.ellipse([x, 160, x + 26, 186], fill=people)
        _people(draw, rng, 290, 6, people)
    else:
        draw.rectangle([0, 0, WIDTH, 300], fill=(190, 220, 240))
        draw.rectangle([0, 300, WIDTH, HEIGHT], fill=(120, 170, 100))
        for x in range(40, WIDTH, 140):
            draw.rectangle([x + 20, 200, x + 34, 310], fill=(110, 80, 50))
            draw.ellipse([x - 20, 120, x + 74, 230], fill=(60 + rng.randint(0, 40), 130, 60))
        draw.rectangle([300, 80, 660, 130], fill=banner)
        _people(draw, rng, 360, 4, people)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
