"""Draw the bundled sample pictures (sample_feeds/pictures): invented scenes, made here.

The sample feeds name pictures on hosts that do not exist (``*.example``), so on a
first run the reader seeds its picture cache from these files instead
(:func:`newsreader.services.pictures.seed_pictures`). Run this script to redraw them;
``index.json`` maps each picture's URL in the samples to its file.
"""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "sample_feeds" / "pictures"
W, H = 320, 200


def gradient(top: tuple[int, int, int], bottom: tuple[int, int, int], h: int = H) -> Image.Image:
    """A vertical gradient from ``top`` to ``bottom``."""
    image = Image.new("RGB", (W, h))
    draw = ImageDraw.Draw(image)
    for y in range(h):
        t = y / max(1, h - 1)
        draw.line(
            [(0, y), (W, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    return image


def sea(image: Image.Image, level: int, colour: tuple[int, int, int]) -> None:
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, level, W, H], fill=colour)
    for y in range(level + 6, H, 9):
        for x in range(-20, W, 40):
            draw.arc([x + (y % 20), y, x + 30 + (y % 20), y + 8], 200, 340, fill=(240, 240, 255))


def ferry(draw: ImageDraw.ImageDraw, x: int, y: int, scale: float = 1.0) -> None:
    s = scale
    draw.polygon(
        [(x, y), (x + 150 * s, y), (x + 130 * s, y + 28 * s), (x + 14 * s, y + 28 * s)],
        fill=(40, 40, 60),
    )
    draw.rectangle([x + 30 * s, y - 26 * s, x + 110 * s, y], fill=(235, 235, 230))
    draw.rectangle([x + 55 * s, y - 46 * s, x + 75 * s, y - 26 * s], fill=(200, 40, 40))
    for wx in range(int(x + 36 * s), int(x + 104 * s), int(12 * s)):
        draw.rectangle([wx, y - 18 * s, wx + 6 * s, y - 10 * s], fill=(60, 90, 140))


def ferry_dawn() -> Image.Image:
    image = gradient((250, 170, 110), (120, 150, 200), 130)
    image = image.resize((W, H))
    draw = ImageDraw.Draw(image)
    draw.ellipse([220, 70, 270, 120], fill=(255, 220, 140))
    sea(image, 120, (50, 80, 120))
    ferry(ImageDraw.Draw(image), 60, 112)
    return image


def ferry_lead() -> Image.Image:
    image = gradient((20, 30, 70), (70, 60, 120))
    draw = ImageDraw.Draw(image)
    rng = random.Random(4)
    for _ in range(60):
        x, y = rng.randrange(W), rng.randrange(110)
        draw.point((x, y), fill=(255, 255, 230))
    draw.ellipse([40, 20, 70, 50], fill=(240, 240, 210))
    sea(image, 130, (20, 40, 80))
    ferry(draw, 140, 122, 1.1)
    return image


def queue_bikes() -> Image.Image:
    image = gradient((170, 200, 230), (200, 210, 220))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 140, W, H], fill=(110, 110, 110))
    for n in range(5):
        x = 20 + n * 60
        for cx in (x, x + 36):
            draw.ellipse([cx, 150, cx + 22, 172], outline=(20, 20, 20), width=3)
        draw.line([(x + 11, 161), (x + 26, 140), (x + 47, 161)], fill=(180, 30, 30), width=3)
        draw.ellipse([x + 20, 100, x + 34, 114], fill=(230, 190, 150))
        draw.line([(x + 27, 114), (x + 27, 140)], fill=(40, 70, 150), width=6)
    return image


def night_market() -> Image.Image:
    image = gradient((15, 15, 40), (40, 30, 60))
    draw = ImageDraw.Draw(image)
    colours = [(220, 80, 60), (240, 200, 80), (80, 180, 120), (90, 120, 220)]
    for n in range(4):
        x = 10 + n * 78
        draw.polygon([(x, 90), (x + 70, 90), (x + 60, 70), (x + 10, 70)], fill=colours[n])
        draw.rectangle([x + 5, 90, x + 65, 160], fill=(90, 60, 40))
    for x in range(0, W, 16):
        y = 30 + int(8 * math.sin(x / 30))
        draw.ellipse([x, y, x + 6, y + 6], fill=(255, 230, 150))
    draw.rectangle([0, 160, W, H], fill=(60, 55, 55))
    return image


def peat_core() -> Image.Image:
    image = Image.new("RGB", (W, H), (225, 220, 205))
    draw = ImageDraw.Draw(image)
    for n in range(4):
        y = 20 + n * 44
        draw.rectangle([20, y, 300, y + 30], fill=(70, 50, 35))
        for band in range(20, 300, 14):
            shade = 50 + (band * 7 + n * 13) % 50
            draw.line([(band, y), (band, y + 30)], fill=(shade + 20, shade, shade - 15), width=5)
        draw.text((24, y + 32), f"{n + 1} m", fill=(60, 60, 60))
    return image


def swift_box() -> Image.Image:
    image = gradient((140, 180, 230), (190, 210, 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle([100, 0, 220, H], fill=(170, 150, 120))
    for y in range(0, H, 14):
        draw.line([(100, y), (220, y)], fill=(140, 120, 95))
    draw.rectangle([130, 70, 190, 120], fill=(120, 80, 45))
    draw.ellipse([152, 95, 168, 111], fill=(20, 15, 10))
    for bx, by in ((40, 40), (260, 60), (60, 130)):
        draw.arc([bx, by, bx + 20, by + 10], 200, 340, fill=(30, 30, 40), width=3)
        draw.arc([bx + 18, by, bx + 38, by + 10], 200, 340, fill=(30, 30, 40), width=3)
    return image


def cabins() -> Image.Image:
    image = Image.new("RGB", (W, H), (200, 190, 170))
    draw = ImageDraw.Draw(image)
    for x in (20, 170):
        draw.rectangle([x, 40, x + 130, 80], fill=(60, 90, 140))
        draw.rectangle([x, 110, x + 130, 150], fill=(60, 90, 140))
        draw.rectangle([x + 4, 44, x + 126, 60], fill=(240, 240, 235))
        draw.rectangle([x + 4, 114, x + 126, 130], fill=(240, 240, 235))
    draw.ellipse([140, 10, 180, 30], fill=(250, 240, 190))
    return image


def podcast_art() -> Image.Image:
    image = Image.new("RGB", (240, 240), (30, 110, 120))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 150, 240, 240], fill=(210, 190, 140))
    draw.ellipse([80, 110, 160, 170], fill=(220, 90, 50))
    for side in (-1, 1):
        cx = 120 + side * 50
        draw.line(
            [(120 + side * 30, 140), (cx, 120), (cx + side * 10, 100)], fill=(220, 90, 50), width=6
        )
    draw.ellipse([100, 120, 110, 130], fill=(20, 20, 20))
    draw.ellipse([130, 120, 140, 130], fill=(20, 20, 20))
    draw.text((20, 20), "41", fill=(255, 255, 255))
    return image


def corrin_plough() -> Image.Image:
    image = gradient((200, 210, 225), (235, 238, 242))
    draw = ImageDraw.Draw(image)
    draw.polygon([(0, 120), (80, 40), (150, 110), (230, 30), (320, 120)], fill=(245, 248, 252))
    draw.polygon([(0, 120), (80, 40), (60, 120)], fill=(200, 205, 215))
    draw.rectangle([0, 150, W, H], fill=(250, 250, 252))
    draw.rectangle([120, 120, 200, 150], fill=(240, 160, 30))
    draw.polygon([(100, 150), (120, 130), (120, 150)], fill=(90, 90, 90))
    draw.ellipse([130, 140, 150, 160], fill=(30, 30, 30))
    draw.ellipse([175, 140, 195, 160], fill=(30, 30, 30))
    return image


def tunnel_cheese() -> Image.Image:
    image = Image.new("RGB", (W, H), (60, 50, 45))
    draw = ImageDraw.Draw(image)
    draw.pieslice([20, -80, 300, 260], 180, 360, fill=(90, 75, 65))
    for row in range(3):
        for n in range(5):
            x, y = 40 + n * 52, 70 + row * 40
            draw.ellipse([x, y, x + 44, y + 26], fill=(235, 200, 90), outline=(170, 130, 50))
    return image


PICTURES = {
    "https://harbourcourier.example/media/2026/11/ferry-dawn.jpg": ("ferry-dawn.jpg", ferry_dawn),
    "https://harbourcourier.example/media/2026/11/queue-bikes.jpg": (
        "queue-bikes.jpg",
        queue_bikes,
    ),
    "https://harbourcourier.example/media/2026/11/night-market-1600.webp": (
        "night-market.webp",
        night_market,
    ),
    "https://science.northfield.example/stories/2026/11/images/peat-core.jpg": (
        "peat-core.png",
        peat_core,
    ),
    "https://science.northfield.example/stories/2026/11/images/swift-box.jpg": (
        "swift-box.jpg",
        swift_box,
    ),
    "https://courier.example/img/ferry-lead.jpg": ("ferry-lead.jpg", ferry_lead),
    "https://courier.example/img/cabins.jpg": ("cabins.gif", cabins),
    "https://tidepool-radio.example/art/41.jpg": ("episode-41.png", podcast_art),
    "https://photowire.valley.example/img/2026/11/corrin-plough.jpg": (
        "corrin-plough.jpg",
        corrin_plough,
    ),
    "https://photowire.valley.example/img/2026/11/tunnel-cheese.jpg": (
        "tunnel-cheese.jpg",
        tunnel_cheese,
    ),
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    index = {}
    for url, (name, draw) in PICTURES.items():
        image = draw()
        kind = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP", "gif": "GIF"}[name.rsplit(".", 1)[1]]
        options = {"quality": 82} if kind in ("JPEG", "WEBP") else {}
        image.save(OUT / name, kind, **options)
        index[url] = name
    (OUT / "index.json").write_text(json.dumps(index, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
