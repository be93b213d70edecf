//! Which news a list page shows. Pages are counted from the newest, but
//! cut from the oldest: every page after the first holds `paginate`
//! rows, and the first holds the newest `paginate` to `2 × paginate − 1`.
//! Adding a story then changes the first page only, until the first
//! page is full and a new page is cut from it: a link to an older page
//! keeps showing the same news, and a cached rebuild writes one list
//! page instead of all of them.

use std::ops::Range;

/// Number of pages of a list of `items` rows (at least one, even empty).
pub fn page_count(items: usize, per_page: usize) -> usize {
    (items / per_page.max(1)).max(1)
}

/// Which rows (indices into the newest-first list) page `number`
/// (1-based) shows; empty past the last page.
pub fn page_rows(items: usize, per_page: usize, number: usize) -> Range<usize> {
    let per_page = per_page.max(1);
    let pages = page_count(items, per_page);
    if number == 0 || number > pages {
        return 0..0;
    }
    // Rows of the pages after this one, cut from the oldest end.
    let end = items - (pages - number) * per_page;
    let start = if number == 1 { 0 } else { end - per_page };
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row is on exactly one page, in order, newest first.
    fn assert_covers(items: usize, per_page: usize) {
        let pages = page_count(items, per_page);
        let mut next = 0;
        for number in 1..=pages {
            let rows = page_rows(items, per_page, number);
            assert_eq!(rows.start, next, "{items} rows, page {number}");
            if number > 1 || items >= per_page {
                assert!(rows.len() >= per_page, "{items} rows, page {number}");
            }
            assert!(rows.len() < 2 * per_page, "{items} rows, page {number}");
            next = rows.end;
        }
        assert_eq!(next, items);
        assert!(page_rows(items, per_page, pages + 1).is_empty());
    }

    #[test]
    fn pages_cover_every_row_once() {
        for per_page in 1..5 {
            for items in 0..30 {
                assert_covers(items, per_page);
            }
        }
    }

    #[test]
    fn the_first_page_holds_the_rest() {
        assert_eq!(page_count(0, 20), 1);
        assert_eq!(page_rows(0, 20, 1), 0..0);
        assert_eq!(page_rows(7, 20, 1), 0..7);
        assert_eq!(page_count(39, 20), 1);
        assert_eq!(page_rows(39, 20, 1), 0..39);
        assert_eq!(page_count(45, 20), 2);
        assert_eq!(page_rows(45, 20, 1), 0..25);
        assert_eq!(page_rows(45, 20, 2), 25..45);
    }

    #[test]
    fn adding_news_leaves_older_pages_alone() {
        // The newest row is index 0: adding one moves every index by one.
        for items in 40..59 {
            let before = page_count(items, 20);
            assert_eq!(page_count(items + 1, 20), before);
            for number in 2..=before {
                let old = page_rows(items, 20, number);
                let new = page_rows(items + 1, 20, number);
                assert_eq!((new.start, new.end), (old.start + 1, old.end + 1));
            }
        }
        // The 60th row cuts a new page from the first.
        assert_eq!(page_count(60, 20), 3);
        assert_eq!(page_rows(60, 20, 3), page_rows(59, 20, 2).start + 1..60);
    }
}
