//! Measures decode, resize and encode of large JPEGs for warta's choice
//! of photo formats. `make` writes the inputs; `run` times each format.
use image::{DynamicImage, ImageReader, codecs::jpeg::JpegEncoder, imageops::FilterType};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("make") => make(&args[2], &args[3]),
        Some("run") => {
            for p in &args[2..] {
                run(p)
            }
        }
        _ => eprintln!("make LAKE OUTDIR | run FILES"),
    }
}

fn make(lake: &str, out: &str) {
    let img = image::open(lake).unwrap().to_rgb8();
    let save = |name: &str, img: &image::RgbImage| {
        let mut f = std::fs::File::create(format!("{out}/{name}")).unwrap();
        JpegEncoder::new_with_quality(&mut f, 92)
            .encode_image(img)
            .unwrap();
    };
    save("a-lake.jpg", &img);
    // Stretched to 4:3, with sensor-like grain.
    let mut b = image::imageops::resize(&img, 4000, 3000, FilterType::Triangle);
    let mut s: u32 = 12345;
    for p in b.pixels_mut() {
        s = s.wrapping_mul(1664525).wrapping_add(1013904223);
        let n = ((s >> 24) as i32 % 13) - 6;
        for c in p.0.iter_mut() {
            *c = (*c as i32 + n).clamp(0, 255) as u8;
        }
    }
    save("b-grain.jpg", &b);
    // Procedural: smooth gradients with texture and edges.
    let c = image::RgbImage::from_fn(4000, 3000, |x, y| {
        let fx = x as f32 / 4000.0;
        let fy = y as f32 / 3000.0;
        let t = ((fx * 37.0).sin() * (fy * 23.0).cos() + (fx * fy * 311.0).sin()) * 40.0;
        let h = (x.wrapping_mul(2654435761) ^ y.wrapping_mul(40503)) >> 28;
        let base = if (x / 500 + y / 400) % 2 == 0 {
            60.0
        } else {
            170.0
        };
        let v = |k: f32| (base + t * k + h as f32).clamp(0.0, 255.0) as u8;
        image::Rgb([v(1.0), v(0.7), v(-0.5)])
    });
    save("c-synthetic.jpg", &c);
}

fn run(path: &str) {
    let bytes = std::fs::read(path).unwrap();
    let t = Instant::now();
    let img = ImageReader::new(std::io::Cursor::new(&bytes))
        .with_guessed_format()
        .unwrap()
        .decode()
        .unwrap();
    println!(
        "{path}: {} bytes, {}x{}, decode {:.0} ms",
        bytes.len(),
        img.width(),
        img.height(),
        ms(t)
    );
    for width in [480u32, 960, 1600] {
        let height = img.height() * width / img.width();
        let t = Instant::now();
        let small = img.resize_exact(width, height, FilterType::Lanczos3);
        let resize = ms(t);
        let t = Instant::now();
        let small_cr = img.resize_exact(width, height, FilterType::CatmullRom);
        let resize_cr = ms(t);
        drop(small_cr);
        let rgb = small.to_rgb8();
        let mut line =
            format!("  {width:>4}px resize lanczos {resize:.0} ms catmullrom {resize_cr:.0} ms |");
        let t = Instant::now();
        let mut jpeg = Vec::new();
        JpegEncoder::new_with_quality(&mut jpeg, 80)
            .encode_image(&rgb)
            .unwrap();
        line += &format!(" jpeg q80 {} KiB {:.0} ms |", jpeg.len() / 1024, ms(t));
        for q in [75.0f32, 80.0] {
            let t = Instant::now();
            let webp = webp::Encoder::from_rgb(rgb.as_raw(), width, height).encode(q);
            line += &format!(" webp q{q} {} KiB {:.0} ms |", webp.len() / 1024, ms(t));
        }
        let t = Instant::now();
        let mut lossless = Vec::new();
        DynamicImage::ImageRgb8(rgb.clone())
            .write_to(
                &mut std::io::Cursor::new(&mut lossless),
                image::ImageFormat::WebP,
            )
            .unwrap();
        line += &format!(
            " webp lossless {} KiB {:.0} ms |",
            lossless.len() / 1024,
            ms(t)
        );
        for speed in [6u8, 8] {
            let t = Instant::now();
            let pixels: Vec<rgb::RGB8> = rgb
                .pixels()
                .map(|p| rgb::RGB8::new(p[0], p[1], p[2]))
                .collect();
            let avif = ravif::Encoder::new()
                .with_quality(60.0)
                .with_speed(speed)
                .encode_rgb(ravif::Img::new(
                    &pixels[..],
                    width as usize,
                    height as usize,
                ))
                .unwrap();
            line += &format!(
                " avif q60 s{speed} {} KiB {:.0} ms |",
                avif.avif_file.len() / 1024,
                ms(t)
            );
        }
        println!("{line}");
    }
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}
