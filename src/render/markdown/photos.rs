//! The body's photos, after links are resolved: each image of one of the
//! site's photos becomes a `<picture>` of its versions; a paragraph of
//! one photo with a title becomes a `<figure>` with the title as its
//! caption, and a paragraph of several photos a gallery (a list of
//! figures, laid out by warta.css). A paragraph that opens with an image
//! is held until it ends, to tell; everything else streams through.

use std::collections::VecDeque;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::PhotoLookup;
use crate::render::pictures::{self, GALLERY_SIZES, Loading, SIZES};
use crate::render::xml::escape;

/// The events of a body with its photos shown as pictures.
pub(super) struct Photos<'a, 'p, I> {
    inner: I,
    lookup: &'p PhotoLookup<'p>,
    ready: VecDeque<Event<'a>>,
}

impl<'a, 'p, I: Iterator<Item = Event<'a>>> Photos<'a, 'p, I> {
    pub(super) fn new(inner: I, lookup: &'p PhotoLookup<'p>) -> Self {
        Photos {
            inner,
            lookup,
            ready: VecDeque::new(),
        }
    }

    /// The events of an image, from its start to its end.
    fn image(&mut self, start: Event<'a>) -> Vec<Event<'a>> {
        let mut events = vec![start];
        let mut depth = 1;
        for event in self.inner.by_ref() {
            match &event {
                Event::Start(Tag::Image { .. }) => depth += 1,
                Event::End(TagEnd::Image) => depth -= 1,
                _ => {}
            }
            events.push(event);
            if depth == 0 {
                break;
            }
        }
        events
    }

    /// The picture of an image's events, or `None` when it shows no photo
    /// of the site.
    fn picture(&self, image: &[Event<'a>], sizes: &str, figure: Figure) -> Option<String> {
        let Some(Event::Start(Tag::Image {
            dest_url, title, ..
        })) = image.first()
        else {
            return None;
        };
        let picture = (self.lookup)(dest_url).and_then(Result::ok)?;
        let alt = alt_text(image);
        let caption = (!title.is_empty()).then_some(title.as_ref());
        Some(match (figure, caption) {
            (Figure::Always, _) | (Figure::WithCaption, Some(_)) => {
                let mut html = String::from("<figure class=\"photo\">");
                html.push_str(&pictures::html(&picture, &alt, None, sizes, Loading::Lazy));
                if let Some(caption) = caption {
                    html.push_str(&format!("<figcaption>{}</figcaption>", escape(caption)));
                }
                html.push_str("</figure>");
                html
            }
            _ => pictures::html(&picture, &alt, caption, sizes, Loading::Lazy),
        })
    }

    /// A held paragraph, which opens with the image `first`, as it goes
    /// out.
    fn paragraph(&mut self, start: Event<'a>, first: Event<'a>) {
        let mut held = vec![start];
        // The images of the paragraph, as ranges of `held`.
        let mut images = Vec::new();
        let mut only_images = true;
        let image = self.image(first);
        held.extend(image);
        images.push(1..held.len());
        while let Some(event) = self.inner.next() {
            match event {
                Event::End(TagEnd::Paragraph) => {
                    held.push(event);
                    break;
                }
                Event::Start(Tag::Image { .. }) => {
                    let from = held.len();
                    let image = self.image(event);
                    held.extend(image);
                    images.push(from..held.len());
                }
                Event::SoftBreak | Event::HardBreak => held.push(event),
                Event::Text(ref text) if text.trim().is_empty() => held.push(event),
                other => {
                    only_images = false;
                    held.push(other);
                }
            }
        }
        let pictures: Vec<Option<String>> = images
            .iter()
            .map(|range| {
                let (sizes, figure) = match (only_images, images.len()) {
                    (true, 1) => (SIZES, Figure::WithCaption),
                    (true, _) => (GALLERY_SIZES, Figure::Always),
                    _ => (SIZES, Figure::Never),
                };
                self.picture(&held[range.clone()], sizes, figure)
            })
            .collect();
        let all_photos = pictures.iter().all(Option::is_some);
        if only_images && all_photos && images.len() > 1 {
            let mut html = String::from("<ul class=\"gallery\">");
            for picture in pictures.into_iter().flatten() {
                html.push_str(&format!("<li>{picture}</li>"));
            }
            html.push_str("</ul>\n");
            self.ready.push_back(Event::Html(CowStr::from(html)));
            return;
        }
        // One photo with a title: a figure, outside any paragraph.
        if only_images
            && let [Some(picture)] = pictures.as_slice()
            && picture.starts_with("<figure")
        {
            self.ready
                .push_back(Event::Html(CowStr::from(format!("{picture}\n"))));
            return;
        }
        // Inline: each photo in place of its image, in the paragraph.
        let mut replace: std::collections::HashMap<usize, (usize, String)> = images
            .iter()
            .zip(pictures)
            .filter_map(|(range, picture)| Some((range.start, (range.len(), picture?))))
            .collect();
        let mut held = held.into_iter().enumerate();
        while let Some((i, event)) = held.next() {
            match replace.remove(&i) {
                Some((len, picture)) => {
                    // The image's other events are left out.
                    for _ in 1..len {
                        held.next();
                    }
                    self.ready
                        .push_back(Event::InlineHtml(CowStr::from(picture)));
                }
                None => self.ready.push_back(event),
            }
        }
    }
}

/// Whether a photo is shown as a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Figure {
    /// In a gallery.
    Always,
    /// Alone in its paragraph: when it has a title to caption it with.
    WithCaption,
    /// Among text.
    Never,
}

/// An image's alt text: the text of its description, as the HTML writer
/// gives it.
fn alt_text(image: &[Event]) -> String {
    let mut alt = String::new();
    for event in image {
        match event {
            Event::Text(text) | Event::Code(text) => alt.push_str(text),
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => {}
        }
    }
    alt
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Photos<'a, '_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(event) = self.ready.pop_front() {
            return Some(event);
        }
        let event = self.inner.next()?;
        match event {
            // A paragraph that opens with an image may be all photos (a
            // figure, a gallery): it is held until it ends, to tell. Any
            // other streams through, its images shown in place.
            Event::Start(Tag::Paragraph) => match self.inner.next() {
                Some(first @ Event::Start(Tag::Image { .. })) => {
                    self.paragraph(event, first);
                    self.ready.pop_front()
                }
                Some(first) => {
                    self.ready.push_back(first);
                    Some(event)
                }
                None => Some(event),
            },
            Event::Start(Tag::Image { .. }) => {
                let image = self.image(event);
                match self.picture(&image, SIZES, Figure::Never) {
                    Some(picture) => Some(Event::InlineHtml(CowStr::from(picture))),
                    None => {
                        self.ready.extend(image);
                        self.ready.pop_front()
                    }
                }
            }
            other => Some(other),
        }
    }
}
