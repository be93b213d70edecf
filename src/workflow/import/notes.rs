//! What the editor is told about a release: what was not found, and
//! what was taken out of the text, one note per kind.

/// What was taken out, gathered so that each kind makes one note.
#[derive(Default)]
pub struct Dropped {
    /// Debris with its line number, to be named in the order of the text.
    pub debris: Vec<(usize, String)>,
    /// Names of the photos of a page's gallery.
    pub gallery: Vec<String>,
    /// Lines that only name the publisher.
    pub signoffs: Vec<String>,
    pub title_repeats: Vec<String>,
    pub teasers: Vec<String>,
    /// `[syarif wibowo]` as written, and the writer's name made of it.
    pub reporters: Vec<(String, String)>,
    pub initials: Vec<String>,
}

impl Dropped {
    /// Every line taken out of the text as it was written, for the
    /// import's report; reporter marks are not among them, since their
    /// names moved into `writer`.
    pub fn lines(&self) -> Vec<String> {
        let mut debris = self.debris.clone();
        debris.sort();
        debris
            .into_iter()
            .map(|(_, line)| line)
            .chain(self.gallery.iter().cloned())
            .chain(self.signoffs.iter().cloned())
            .chain(self.title_repeats.iter().cloned())
            .chain(self.teasers.iter().cloned())
            .chain(self.initials.iter().cloned())
            .collect()
    }

    pub fn notes(mut self) -> Vec<String> {
        let quoted = |items: &[String]| {
            let mut unique: Vec<String> = Vec::new();
            for item in items {
                let item = format!("'{}'", shorten(item));
                if !unique.contains(&item) {
                    unique.push(item);
                }
            }
            unique.join(", ")
        };
        self.debris.sort();
        let debris: Vec<String> = self.debris.into_iter().map(|(_, line)| line).collect();
        let mut notes = Vec::new();
        if !debris.is_empty() {
            notes.push(format!("dropped web-page debris: {}", quoted(&debris)));
        }
        if !self.gallery.is_empty() {
            let names = quoted(&self.gallery);
            notes.push(format!("dropped the names of a photo gallery: {names}"));
        }
        if !self.signoffs.is_empty() {
            let lines = quoted(&self.signoffs);
            notes.push(format!(
                "dropped sign-off lines that only name the publisher: {lines}"
            ));
        }
        match self.title_repeats.len() {
            0 => {}
            1 => notes.push("dropped a line repeating the title".to_string()),
            n => notes.push(format!("dropped {n} lines repeating the title")),
        }
        if !self.teasers.is_empty() {
            let teasers = quoted(&self.teasers);
            notes.push(format!(
                "dropped a teaser that repeats a later paragraph: {teasers}"
            ));
        }
        for (written, name) in &self.reporters {
            notes.push(format!(
                "took the writer '{name}' from '{written}' at the end of the text"
            ));
        }
        if !self.initials.is_empty() {
            let initials = quoted(&self.initials);
            notes.push(format!(
                "dropped reporter initials, which are not a name: {initials}"
            ));
        }
        notes
    }
}

/// The start of a long line, enough to find it in the text.
fn shorten(line: &str) -> String {
    match line.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", line[..cut].trim_end()),
        None => line.to_string(),
    }
}

/// `no editor or translator found`: the credits a release did not have.
pub fn missing_credits(
    writer: &[String],
    editor: &[String],
    translator: &[String],
) -> Option<String> {
    let missing: Vec<&str> = [
        ("writer", writer),
        ("editor", editor),
        ("translator", translator),
    ]
    .into_iter()
    .filter_map(|(role, names)| names.is_empty().then_some(role))
    .collect();
    let (last, rest) = missing.split_last()?;
    let list = if rest.is_empty() {
        last.to_string()
    } else {
        format!("{} or {last}", rest.join(", "))
    };
    Some(format!("no {list} found"))
}
