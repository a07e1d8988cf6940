// Package tui is avain's terminal face: the coding workspace built on
// Bubble Tea. A root Model routes messages to the screens (documents,
// reader, codebook, search, themes, compare), each keeping one Screen
// contract, and to the memo editor; it keeps the session's undo history
// and draws the status line and help. Common carries the size, styles,
// keys and the Services the screens read from and write to
// (*project.Project satisfies them). Every write runs in a tea.Cmd
// through the Services (codings through coding.Engine over them; memos,
// reading positions and exported tables through their own methods) and
// is reported back as a message.
//
// It may import coding, project, search, export, pseudo and the charm
// libraries, never store (arch_test.go checks it); today it needs no
// project import outside its tests. It holds no domain rules of its own
// and does no I/O outside a tea.Cmd.
package tui
