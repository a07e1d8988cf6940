// Package tui is avain's terminal face: the coding workspace built on
// Bubble Tea. A root Model routes messages to one screen per file
// (documents, reader); Common carries the size, styles, keys and the
// Services the screens read from.
//
// It may import coding, store and the charm libraries; it holds no domain
// logic of its own and does no I/O outside a tea.Cmd.
package tui
