//! Makes camera-like test photos for `bench/photos`: each one a 4:3 crop
//! of one of a few real photos (a different region, zoom, mirroring,
//! exposure and white balance per photo), scaled to WIDTH × HEIGHT, with
//! vignetting and sensor grain (stronger in the shadows, as a sensor's
//! shot noise is, plus some colour noise), saved as a baseline JPEG.
//! The result compresses like a camera's photo (3–6 MB at 4000 × 3000)
//! rather than like a flat synthetic image.
//!
//!     photo-maker --count N --out DIR [--width 4000] [--height 3000]
//!                 [--quality 92] [--first 0] SOURCE.jpg...
//!
//! Deterministic: photo `i` depends only on `i`, the sources (in the
//! order given) and the options, never on the clock or the thread that
//! makes it. Writes DIR/photo-000.jpg, DIR/photo-001.jpg, …
use image::{Rgb, RgbImage, codecs::jpeg::JpegEncoder, imageops::FilterType};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Options {
    count: usize,
    first: usize,
    out: PathBuf,
    width: u32,
    height: u32,
    quality: u8,
    sources: Vec<PathBuf>,
}

fn main() {
    let options = match parse(std::env::args().skip(1).collect()) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("photo-maker: {message}");
            eprintln!(
                "usage: photo-maker --count N --out DIR [--width 4000] [--height 3000] \
                 [--quality 92] [--first 0] SOURCE.jpg..."
            );
            std::process::exit(2);
        }
    };
    let sources: Vec<RgbImage> = options
        .sources
        .iter()
        .map(|path| match image::open(path) {
            Ok(img) => img.to_rgb8(),
            Err(err) => {
                eprintln!("photo-maker: {}: {err}", path.display());
                std::process::exit(1);
            }
        })
        .collect();
    std::fs::create_dir_all(&options.out).expect("cannot create the output folder");
    let next = AtomicUsize::new(options.first);
    let end = options.first + options.count;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= end {
                        break;
                    }
                    let photo = make(i, &sources, options.width, options.height);
                    let path = options.out.join(format!("photo-{i:03}.jpg"));
                    save(&photo, &path, options.quality);
                }
            });
        }
    });
}

fn parse(args: Vec<String>) -> Result<Options, String> {
    let mut options = Options {
        count: 0,
        first: 0,
        out: PathBuf::new(),
        width: 4000,
        height: 3000,
        quality: 92,
        sources: Vec::new(),
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        let number = |name: &str, text: String| {
            text.parse::<u32>().map_err(|_| format!("{name}: not a number: {text}"))
        };
        match arg.as_str() {
            "--count" => options.count = number("--count", value("--count")?)? as usize,
            "--first" => options.first = number("--first", value("--first")?)? as usize,
            "--out" => options.out = PathBuf::from(value("--out")?),
            "--width" => options.width = number("--width", value("--width")?)?,
            "--height" => options.height = number("--height", value("--height")?)?,
            "--quality" => {
                options.quality = number("--quality", value("--quality")?)?.clamp(1, 100) as u8
            }
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            _ => options.sources.push(PathBuf::from(arg)),
        }
    }
    if options.count == 0 || options.out.as_os_str().is_empty() || options.sources.is_empty() {
        return Err("--count, --out and at least one source photo are needed".into());
    }
    if options.width == 0 || options.height == 0 {
        return Err("--width and --height must be positive".into());
    }
    Ok(options)
}

/// SplitMix64: a small, fixed pseudo-random sequence.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }

    fn between(&mut self, low: f32, high: f32) -> f32 {
        low + (high - low) * self.unit()
    }

    /// Roughly normal, mean 0 and deviation 1 (the sum of four uniforms).
    fn gauss(&mut self) -> f32 {
        let bits = self.next();
        let mut sum = 0.0;
        for k in 0..4 {
            sum += ((bits >> (16 * k)) & 0xFFFF) as f32 / 65536.0;
        }
        (sum - 2.0) * 1.732
    }
}

fn make(i: usize, sources: &[RgbImage], width: u32, height: u32) -> RgbImage {
    let mut rng = Rng(0x5EED_0000 + i as u64 * 7919);
    let source = &sources[i % sources.len()];
    let (sw, sh) = (source.width() as f32, source.height() as f32);
    let aspect = width as f32 / height as f32;
    // The largest crop of the output's shape, then a zoom into it.
    let (full_w, full_h) = if sw / sh > aspect {
        (sh * aspect, sh)
    } else {
        (sw, sw / aspect)
    };
    let zoom = rng.between(0.55, 1.0);
    let crop_w = (full_w * zoom).max(1.0);
    let crop_h = (full_h * zoom).max(1.0);
    let x = rng.between(0.0, sw - crop_w);
    let y = rng.between(0.0, sh - crop_h);
    let crop = image::imageops::crop_imm(
        source,
        x as u32,
        y as u32,
        (crop_w as u32).min(source.width() - x as u32),
        (crop_h as u32).min(source.height() - y as u32),
    )
    .to_image();
    let mut photo = image::imageops::resize(&crop, width, height, FilterType::CatmullRom);
    if rng.unit() < 0.5 {
        image::imageops::flip_horizontal_in_place(&mut photo);
    }
    let exposure = rng.between(0.85, 1.15);
    let balance = [
        exposure * rng.between(0.94, 1.06),
        exposure,
        exposure * rng.between(0.94, 1.06),
    ];
    let vignette = rng.between(0.05, 0.3);
    // Sensor noise: its deviation at mid-grey, by "ISO".
    let grain = rng.between(2.0, 5.0);
    let (cx, cy) = (width as f32 / 2.0, height as f32 / 2.0);
    let corner = (cx * cx + cy * cy).sqrt();
    for (px, py, pixel) in photo.enumerate_pixels_mut() {
        let dx = px as f32 - cx;
        let dy = py as f32 - cy;
        let r = (dx * dx + dy * dy).sqrt() / corner;
        let light = 1.0 - vignette * r * r;
        let mut value = [0f32; 3];
        for c in 0..3 {
            value[c] = pixel.0[c] as f32 * balance[c] * light;
        }
        let luma = 0.299 * value[0] + 0.587 * value[1] + 0.114 * value[2];
        // Shot noise grows with the square root of the light, so it shows
        // most in the shadows once the picture is tone-mapped.
        let shadow = 1.6 - (luma / 255.0).clamp(0.0, 1.0);
        let common = rng.gauss() * grain * shadow;
        for v in &mut value {
            *v += common + rng.gauss() * grain * 0.45;
        }
        *pixel = Rgb(value.map(|v| v.round().clamp(0.0, 255.0) as u8));
    }
    photo
}

fn save(photo: &RgbImage, path: &Path, quality: u8) {
    let file = std::fs::File::create(path).expect("cannot create a photo file");
    let mut writer = std::io::BufWriter::new(file);
    JpegEncoder::new_with_quality(&mut writer, quality)
        .encode_image(photo)
        .expect("cannot encode a photo");
}
