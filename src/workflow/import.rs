//! `warta import`: plain-text press releases into Markdown with front
//! matter.
