//! The messages templates ask for: `t(key="...", name=...)` calls with a
//! literal key, found in a template's text (Tera 2 has no public syntax
//! tree to walk), for the checks of `checks`.

/// One `t(key="...", name=...)` with a literal key in a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateCall {
    pub template: String,
    pub line: usize,
    pub key: String,
    pub arguments: Vec<String>,
}

/// The `t(...)` calls with a literal key in a template's text. A key
/// computed in the template (`t(key="tag-" ~ tag)`) is not known here.
pub fn template_calls(template: &str, text: &str) -> Vec<TemplateCall> {
    let mut calls = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("t(") {
        let start = from + found;
        from = start + 2;
        let preceded_by_name = text[..start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        if preceded_by_name {
            continue;
        }
        let Some(arguments_written) = call_arguments(&text[from..]) else {
            continue;
        };
        let mut key = None;
        let mut arguments = Vec::new();
        for argument in arguments_written {
            let Some((name, value)) = argument.split_once('=') else {
                continue;
            };
            let (name, value) = (name.trim(), value.trim());
            match name {
                "key" => key = string_literal(value),
                "lang" => {}
                _ => arguments.push(name.to_string()),
            }
        }
        if let Some(key) = key {
            calls.push(TemplateCall {
                template: template.to_string(),
                line: text[..start].matches('\n').count() + 1,
                key,
                arguments,
            });
        }
    }
    calls
}

/// The arguments of a call whose `(` is just before `text`, split at
/// the commas outside brackets and strings; `None` if the call is not
/// closed.
fn call_arguments(text: &str) -> Option<Vec<&str>> {
    let mut parts = Vec::new();
    let (mut depth, mut quote, mut start) = (0usize, None, 0);
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')') if depth == 0 => {
                parts.push(&text[start..i]);
                return Some(parts);
            }
            (None, ')' | ']' | '}') => depth = depth.saturating_sub(1),
            (None, ',') if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    None
}

/// `"news-title"` → `news-title`; `None` for anything but one literal.
fn string_literal(value: &str) -> Option<String> {
    let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let inner = value.strip_prefix(quote)?.strip_suffix(quote)?;
    (!inner.contains(quote)).then(|| inner.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_calls_name_key_arguments_and_line() {
        let calls = template_calls(
            "t.html",
            "a\n{{ t(key=\"x\", count=list.count, page=f(a, b)) }}\n{{ at(key=\"no\") }}",
        );
        assert_eq!(
            calls,
            [TemplateCall {
                template: "t.html".into(),
                line: 2,
                key: "x".into(),
                arguments: vec!["count".into(), "page".into()],
            }]
        );
    }
}
