//! Positions in a body: the parser gives byte offsets, diagnostics want
//! lines and columns.

/// Line and column of byte offsets, for offsets that only grow (as the
/// parser's do, mostly); falls back to counting from the start. Both
/// line and column advance from the last offset, so that many positions
/// on one long line cost no more than the line itself.
pub(super) struct LineCounter<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    /// Characters between the start of the line and `offset`.
    column: usize,
}

impl<'a> LineCounter<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        LineCounter {
            text,
            offset: 0,
            line: 1,
            column: 0,
        }
    }

    pub(super) fn position(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            self.offset = 0;
            self.line = 1;
            self.column = 0;
        }
        let span = &self.text[self.offset..offset];
        match span.rfind('\n') {
            Some(last) => {
                self.line += span.bytes().filter(|&b| b == b'\n').count();
                self.column = span[last + 1..].chars().count();
            }
            None => self.column += span.chars().count(),
        }
        self.offset = offset;
        (self.line, self.column + 1)
    }
}
