// Package tui is avain's terminal face: the coding workspace built on
// Bubble Tea. A root Model routes messages to one screen per file
// (documents, reader, codebook, search) and the memo editor, keeps the
// session's undo history, and draws the status line and help. Common
// carries the size, styles, keys and the Services the screens read from
// and write to; every write runs in a tea.Cmd through coding.Engine or
// the store, and is reported back as a message.
//
// It may import coding, store, search and the charm libraries; it holds
// no domain rules of its own and does no I/O outside a tea.Cmd.
package tui
