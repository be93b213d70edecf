//! Messages that parse but would fail when formatted: a variable nobody
//! passes, a reference to a message or term that does not exist or to
//! itself, a function Fluent does not have. Fluent would show the
//! placeholder (`{$jumlah}`) on every page; warta reports them once, when
//! the locales and templates are loaded, at the message's line.
//!
//! Checked on the syntax tree rather than by formatting each message:
//! formatting resolves only the variant a selector picks, so a broken
//! `[other]` variant would pass with `count = 1`.

use super::entry_lines::EntryLines;
use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast;

pub use super::template_calls::{TemplateCall, template_calls};
use crate::diagnostics::Diagnostic;

/// The functions the bundles have (`add_builtins`).
const FUNCTIONS: &[&str] = &["NUMBER"];

/// Messages the code formats with arguments, and their names. Every
/// other message the code formats gets none; templates pass what their
/// `t(...)` calls name (see `template_calls`).
const CODE_CALLS: &[(&str, &[&str])] = &[
    ("date-long", &["day", "month", "year"]),
    ("page-title-numbered", &["title", "page"]),
    ("news-archive-title", &["year"]),
    ("feed-title", &["site"]),
    ("feed-title-directorate", &["site", "name"]),
    ("translation-missing", &["section", "language"]),
    ("untranslated-marker", &["language"]),
    ("search-results", &["count"]),
];

/// What one message or term refers to.
#[derive(Debug, Default)]
struct Refs<'s> {
    variables: BTreeSet<&'s str>,
    messages: BTreeSet<&'s str>,
    terms: BTreeSet<&'s str>,
    /// `{ message.attribute }` and `{ -term.attribute }`, as (id, attribute).
    message_attributes: BTreeSet<(&'s str, &'s str)>,
    term_attributes: BTreeSet<(&'s str, &'s str)>,
    functions: BTreeSet<&'s str>,
}

impl<'s> Refs<'s> {
    fn pattern(&mut self, pattern: &ast::Pattern<&'s str>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                self.expression(expression);
            }
        }
    }

    fn expression(&mut self, expression: &ast::Expression<&'s str>) {
        match expression {
            ast::Expression::Select { selector, variants } => {
                self.inline(selector);
                for variant in variants {
                    self.pattern(&variant.value);
                }
            }
            ast::Expression::Inline(inline) => self.inline(inline),
        }
    }

    fn inline(&mut self, inline: &ast::InlineExpression<&'s str>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                self.variables.insert(id.name);
            }
            ast::InlineExpression::MessageReference { id, attribute } => {
                self.messages.insert(id.name);
                if let Some(attribute) = attribute {
                    self.message_attributes.insert((id.name, attribute.name));
                }
            }
            ast::InlineExpression::TermReference {
                id,
                attribute,
                arguments,
            } => {
                self.terms.insert(id.name);
                if let Some(attribute) = attribute {
                    self.term_attributes.insert((id.name, attribute.name));
                }
                if let Some(arguments) = arguments {
                    self.arguments(arguments);
                }
            }
            ast::InlineExpression::FunctionReference { id, arguments } => {
                self.functions.insert(id.name);
                self.arguments(arguments);
            }
            ast::InlineExpression::Placeable { expression } => self.expression(expression),
            ast::InlineExpression::StringLiteral { .. }
            | ast::InlineExpression::NumberLiteral { .. } => {}
        }
    }

    fn arguments(&mut self, arguments: &ast::CallArguments<&'s str>) {
        for value in &arguments.positional {
            self.inline(value);
        }
        for named in &arguments.named {
            self.inline(&named.value);
        }
    }
}

/// A message or term as the bundle of one language holds it: the last
/// definition wins, as `add_resource_overriding` does.
struct Entry<'s> {
    path: &'s str,
    line: usize,
    refs: Refs<'s>,
    /// Its attributes' names (`.label`).
    attributes: BTreeSet<&'s str>,
    /// Whether it has a value of its own (a message may have only
    /// attributes).
    has_value: bool,
}

type Entries<'s> = BTreeMap<&'s str, Entry<'s>>;

/// The messages and terms of one language's `.ftl` files.
fn entries(sources: &[(String, String)]) -> (Entries<'_>, Entries<'_>) {
    let mut messages: BTreeMap<&str, Entry> = BTreeMap::new();
    let mut terms: BTreeMap<&str, Entry> = BTreeMap::new();
    for (path, text) in sources {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let resource = match fluent_syntax::parser::parse(text) {
            Ok(resource) | Err((resource, _)) => resource,
        };
        let mut lines = EntryLines::new(text);
        for entry in &resource.body {
            let (is_term, id, refs, attributes, has_value) = match entry {
                ast::Entry::Message(message) => {
                    let mut refs = Refs::default();
                    if let Some(value) = &message.value {
                        refs.pattern(value);
                    }
                    for attribute in &message.attributes {
                        refs.pattern(&attribute.value);
                    }
                    let attributes = message.attributes.iter().map(|a| a.id.name).collect();
                    (
                        false,
                        message.id.name,
                        refs,
                        attributes,
                        message.value.is_some(),
                    )
                }
                ast::Entry::Term(term) => {
                    let mut refs = Refs::default();
                    refs.pattern(&term.value);
                    for attribute in &term.attributes {
                        refs.pattern(&attribute.value);
                    }
                    // A term's variables are its own call's arguments.
                    refs.variables.clear();
                    let attributes = term.attributes.iter().map(|a| a.id.name).collect();
                    (true, term.id.name, refs, attributes, true)
                }
                _ => continue,
            };
            let prefix = if is_term { "-" } else { "" };
            let line = lines.find(&format!("{prefix}{id}"));
            let map = if is_term { &mut terms } else { &mut messages };
            map.insert(
                id,
                Entry {
                    path,
                    line,
                    refs,
                    attributes,
                    has_value,
                },
            );
        }
    }
    (messages, terms)
}

/// The variables each message of one language uses, its own and those
/// of the messages it refers to (which see its arguments).
pub fn message_variables(sources: &[(String, String)]) -> BTreeMap<String, BTreeSet<String>> {
    let (messages, _) = entries(sources);
    let mut used: BTreeMap<String, BTreeSet<String>> = messages
        .iter()
        .map(|(id, e)| {
            let vars = e.refs.variables.iter().map(|v| v.to_string()).collect();
            (id.to_string(), vars)
        })
        .collect();
    loop {
        let mut changed = false;
        for (id, entry) in &messages {
            for target in &entry.refs.messages {
                let theirs = used.get(*target).cloned().unwrap_or_default();
                if let Some(mine) = used.get_mut(*id) {
                    let before = mine.len();
                    mine.extend(theirs);
                    changed |= mine.len() != before;
                }
            }
        }
        if !changed {
            break;
        }
    }
    used
}

/// The problems of one language's messages. `sources` are its `.ftl`
/// files (path, text) in the order they were added; `calls` what
/// templates pass; `builtin` the variables each built-in message uses
/// (warta formats every built-in message, with those arguments).
pub fn language_problems(
    lang_code: &str,
    sources: &[(String, String)],
    calls: &[TemplateCall],
    builtin: &BTreeMap<String, BTreeSet<String>>,
) -> Vec<Diagnostic> {
    let (messages, terms) = entries(sources);
    let mut problems = Vec::new();
    let mut error = |entry: &Entry, message: String| {
        problems.push(Diagnostic::error("locale.message", entry.path, message).at(entry.line, 1));
    };
    for (kind, map) in [("", &messages), ("-", &terms)] {
        for (id, entry) in map {
            for target in &entry.refs.messages {
                if !messages.contains_key(target) {
                    error(
                        entry,
                        format!(
                            "`{kind}{id}` refers to `{{ {target} }}`, and `{lang_code}` has no message `{target}`: it would show as `{{{target}}}`"
                        ),
                    );
                }
            }
            for (target, attribute) in &entry.refs.message_attributes {
                if messages
                    .get(target)
                    .is_some_and(|m| !m.attributes.contains(attribute))
                {
                    error(
                        entry,
                        format!(
                            "`{kind}{id}` refers to `{{ {target}.{attribute} }}`, and `{lang_code}`'s message `{target}` has no attribute `.{attribute}`: it would show as `{{{target}.{attribute}}}`"
                        ),
                    );
                }
            }
            for (target, attribute) in &entry.refs.term_attributes {
                if terms
                    .get(target)
                    .is_some_and(|t| !t.attributes.contains(attribute))
                {
                    error(
                        entry,
                        format!(
                            "`{kind}{id}` chooses by `-{target}.{attribute}`, and `{lang_code}`'s term `-{target}` has no attribute `.{attribute}`: the default variant would always be chosen; add `.{attribute} = ...` to `-{target}`, or correct the name"
                        ),
                    );
                }
            }
            for target in &entry.refs.messages {
                let plain = !entry
                    .refs
                    .message_attributes
                    .iter()
                    .any(|(m, _)| m == target);
                if plain && messages.get(target).is_some_and(|m| !m.has_value) {
                    error(
                        entry,
                        format!(
                            "`{kind}{id}` refers to `{{ {target} }}`, which has only attributes and no text of its own: it would show as `{{{target}}}`; name an attribute, as in `{{ {target}.name }}`"
                        ),
                    );
                }
            }
            for target in &entry.refs.terms {
                if !terms.contains_key(target) {
                    error(
                        entry,
                        format!(
                            "`{kind}{id}` refers to the term `{{ -{target} }}`, and `{lang_code}` has no term `-{target}`: define it, as in `-{target} = ...`"
                        ),
                    );
                }
            }
            for function in &entry.refs.functions {
                if !FUNCTIONS.contains(function) {
                    error(
                        entry,
                        format!(
                            "`{kind}{id}` calls `{function}()`, which is not a Fluent function; the functions are {}",
                            FUNCTIONS.join(", ")
                        ),
                    );
                }
            }
        }
    }
    for cycle in cycles(&messages, &terms) {
        let (first, is_term) = &cycle[0];
        let entry = if *is_term {
            &terms[first]
        } else {
            &messages[first]
        };
        let names: Vec<String> = cycle
            .iter()
            .chain(std::iter::once(&cycle[0]))
            .map(|(id, term)| format!("{}{id}", if *term { "-" } else { "" }))
            .collect();
        error(
            entry,
            format!(
                "`{}` refers to itself ({}): it would show as `{{{}}}`",
                names[0],
                names.join(" → "),
                names[0]
            ),
        );
    }
    for (id, allowed) in allowed_arguments(&messages, calls, builtin) {
        let entry = &messages[id];
        for variable in &entry.refs.variables {
            if !allowed.contains(*variable) {
                let given = if allowed.is_empty() {
                    "none".to_string()
                } else {
                    allowed
                        .iter()
                        .map(|a| format!("`${a}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                error(
                    entry,
                    format!(
                        "`{id}` uses `${variable}`, which it is never given (it is given: {given}): it would show as `{{${variable}}}`"
                    ),
                );
            }
        }
    }
    problems
}

/// The arguments each message is formatted with, for the messages the
/// code or a template formats and those they refer to (a referred
/// message sees its caller's arguments). Messages formatted under a
/// computed name (`month-7`, `tag-psm`) get none; messages no one is
/// known to format are left out.
fn allowed_arguments<'s>(
    messages: &BTreeMap<&'s str, Entry<'s>>,
    calls: &[TemplateCall],
    builtin: &BTreeMap<String, BTreeSet<String>>,
) -> BTreeMap<&'s str, BTreeSet<String>> {
    let mut allowed: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for id in messages.keys() {
        let from_code = CODE_CALLS.iter().find(|(key, _)| key == id);
        let from_templates: Vec<&TemplateCall> = calls.iter().filter(|c| c.key == *id).collect();
        let from_builtin = builtin.get(*id);
        if from_code.is_some() || !from_templates.is_empty() || from_builtin.is_some() {
            let names = allowed.entry(id).or_default();
            names.extend(from_builtin.into_iter().flatten().cloned());
            if let Some((_, arguments)) = from_code {
                names.extend(arguments.iter().map(|a| a.to_string()));
            }
            for call in from_templates {
                names.extend(call.arguments.iter().cloned());
            }
        }
    }
    // Until nothing changes: each referred message gets its callers'.
    loop {
        let mut changed = false;
        for (id, entry) in messages {
            let Some(mine) = allowed.get(id).cloned() else {
                continue;
            };
            for target in &entry.refs.messages {
                if messages.contains_key(target) {
                    let new = !allowed.contains_key(target);
                    let theirs = allowed.entry(target).or_default();
                    let before = theirs.len();
                    theirs.extend(mine.iter().cloned());
                    changed |= new || theirs.len() != before;
                }
            }
        }
        if !changed {
            break;
        }
    }
    allowed
}

/// Each cycle of references once, as the ids on it from where it was
/// entered (`true` for a term).
fn cycles<'s>(
    messages: &BTreeMap<&'s str, Entry<'s>>,
    terms: &BTreeMap<&'s str, Entry<'s>>,
) -> Vec<Vec<(&'s str, bool)>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Open,
        Done,
    }
    let edges = |node: (&'s str, bool)| -> Vec<(&'s str, bool)> {
        let entry = if node.1 {
            terms.get(node.0)
        } else {
            messages.get(node.0)
        };
        entry.map_or_else(Vec::new, |e| {
            let to_messages = e.refs.messages.iter().map(|m| (*m, false));
            let to_terms = e.refs.terms.iter().map(|t| (*t, true));
            to_messages
                .chain(to_terms)
                .filter(|(id, term)| {
                    if *term {
                        terms.contains_key(id)
                    } else {
                        messages.contains_key(id)
                    }
                })
                .collect()
        })
    };
    let mut state: BTreeMap<(&str, bool), State> = BTreeMap::new();
    let mut found = Vec::new();
    let nodes = messages
        .keys()
        .map(|m| (*m, false))
        .chain(terms.keys().map(|t| (*t, true)));
    for root in nodes {
        if state.contains_key(&root) {
            continue;
        }
        // Depth first without recursion: (node, its edges, next edge).
        let mut stack = vec![(root, edges(root), 0usize)];
        state.insert(root, State::Open);
        while let Some((node, next, index)) = stack.last_mut() {
            let Some(&target) = next.get(*index) else {
                state.insert(*node, State::Done);
                stack.pop();
                continue;
            };
            *index += 1;
            match state.get(&target) {
                None => {
                    state.insert(target, State::Open);
                    let out = edges(target);
                    stack.push((target, out, 0));
                }
                Some(State::Open) => {
                    let from = stack.iter().position(|(n, _, _)| *n == target).unwrap_or(0);
                    found.push(stack[from..].iter().map(|(n, _, _)| *n).collect());
                }
                Some(State::Done) => {}
            }
        }
    }
    found
}

#[cfg(test)]
#[path = "checks_tests.rs"]
mod tests;
