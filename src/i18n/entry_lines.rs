//! Where a `.ftl` text defines each entry, for diagnostics' lines.

/// Lines of entries in a `.ftl` text, found in the order the parser
/// gives them.
pub struct EntryLines<'t> {
    lines: Vec<&'t str>,
    next: usize,
}

impl<'t> EntryLines<'t> {
    pub fn new(text: &'t str) -> Self {
        EntryLines {
            lines: text.lines().collect(),
            next: 0,
        }
    }

    /// The 1-based line on which `id` (`news-title`, `-brand`) is
    /// defined, searching on from the last one found; 0 if not found.
    pub fn find(&mut self, id: &str) -> usize {
        let defines = |line: &str| {
            line.strip_prefix(id)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        };
        let found = (self.next..self.lines.len())
            .find(|&i| defines(self.lines[i]))
            .or_else(|| (0..self.lines.len()).find(|&i| defines(self.lines[i])));
        match found {
            Some(i) => {
                self.next = i + 1;
                i + 1
            }
            None => 0,
        }
    }
}
