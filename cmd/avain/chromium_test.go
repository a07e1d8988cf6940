package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// A small client of Chromium's DevTools protocol over
// --remote-debugging-pipe (commands on the browser's fd 3, answers and
// events on its fd 4, each message JSON ended by a NUL byte), enough to
// open a local page in headless Chromium at a window size, evaluate an
// expression in it and take a screenshot, in one browser process.

// needChromium returns the path of Debian's chromium (with
// fonts-dejavu-core, which .ci/run installs beside it).
func needChromium(t *testing.T) string {
	t.Helper()
	return needTool(t, "chromium", "chromium")
}

// browser is a headless Chromium driven through its pipe.
type browser struct {
	t       *testing.T
	cmd     *exec.Cmd
	in      io.WriteCloser // the browser's fd 3
	out     *bufio.Reader  // the browser's fd 4
	next    int
	session string
	events  []map[string]any // events read while waiting for an answer
}

// startBrowser starts headless Chromium with a profile in a temporary
// folder, no network services and no name resolution, and a page of
// width × height CSS pixels.
func startBrowser(t *testing.T, width, height int) *browser {
	t.Helper()
	path := needChromium(t)
	cmdR, cmdW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	// No name resolves (a page that reached out would fail), and the
	// browser's own services that look names up stay off.
	cmd := exec.Command(path, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
		"--remote-debugging-pipe", "--user-data-dir="+t.TempDir(), "--no-first-run", "--disable-extensions",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
		"--no-pings", "--disable-domain-reliability", "--disable-breakpad", "--host-resolver-rules=MAP * ~NOTFOUND",
		"--disable-features=DnsOverHttps,OptimizationHints,MediaRouter,Translate",
		fmt.Sprintf("--window-size=%d,%d", width, height), "about:blank")
	cmd.ExtraFiles = []*os.File{cmdR, outW} // fd 3, fd 4
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	cmdR.Close()
	outW.Close()
	b := &browser{t: t, cmd: cmd, in: cmdW, out: bufio.NewReader(outR)}
	t.Cleanup(func() {
		b.in.Close()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		outR.Close()
		if t.Failed() {
			t.Logf("chromium's standard error:\n%s", lastLines(stderr.String(), 20))
		}
	})
	var target struct{ TargetID string }
	b.call("", "Target.createTarget", map[string]any{"url": "about:blank"}, &target)
	var attached struct{ SessionID string }
	b.call("", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &attached)
	b.session = attached.SessionID
	b.call(b.session, "Page.enable", nil, nil)
	b.call(b.session, "Emulation.setDeviceMetricsOverride",
		map[string]any{"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}, nil)
	return b
}

// call sends one command (to the page's session, or to the browser when
// session is "") and decodes its result into result.
func (b *browser) call(session, method string, params any, result any) {
	b.t.Helper()
	b.next++
	msg := map[string]any{"id": b.next, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if session != "" {
		msg["sessionId"] = session
	}
	data, err := json.Marshal(msg)
	if err != nil {
		b.t.Fatal(err)
	}
	if _, err := b.in.Write(append(data, 0)); err != nil {
		b.t.Fatalf("chromium %s: %v", method, err)
	}
	for {
		m := b.read(method)
		id, _ := m["id"].(float64)
		if int(id) != b.next {
			if _, ok := m["method"]; ok {
				b.events = append(b.events, m)
			}
			continue
		}
		if e, ok := m["error"]; ok {
			b.t.Fatalf("chromium %s: %v", method, e)
		}
		if result != nil {
			raw, _ := json.Marshal(m["result"])
			if err := json.Unmarshal(raw, result); err != nil {
				b.t.Fatalf("chromium %s: %v", method, err)
			}
		}
		return
	}
}

// read reads the next message from the browser.
func (b *browser) read(during string) map[string]any {
	b.t.Helper()
	line, err := b.out.ReadBytes(0)
	if err != nil {
		b.t.Fatalf("chromium stopped answering (%s): %v", during, err)
	}
	var m map[string]any
	if err := json.Unmarshal(line[:len(line)-1], &m); err != nil {
		b.t.Fatalf("chromium's answer to %s: %v", during, err)
	}
	return m
}

// open loads the local file path and waits for its load event.
func (b *browser) open(path string) {
	b.t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		b.t.Fatal(err)
	}
	b.events = nil
	b.call(b.session, "Page.navigate", map[string]any{"url": "file://" + abs}, nil)
	for _, e := range b.events {
		if e["method"] == "Page.loadEventFired" {
			return
		}
	}
	for {
		if m := b.read("loading " + path); m["method"] == "Page.loadEventFired" {
			return
		}
	}
}

// eval evaluates a JavaScript expression in the page and decodes its
// value (JSON) into result.
func (b *browser) eval(expr string, result any) {
	b.t.Helper()
	var r struct {
		Result           struct{ Value any }
		ExceptionDetails any
	}
	b.call(b.session, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true}, &r)
	if r.ExceptionDetails != nil {
		b.t.Fatalf("evaluating in the page: %v", r.ExceptionDetails)
	}
	raw, _ := json.Marshal(r.Result.Value)
	if err := json.Unmarshal(raw, result); err != nil {
		b.t.Fatalf("the page's answer %s: %v", raw, err)
	}
}

// screenshot takes a PNG of the page's top width × height pixels.
func (b *browser) screenshot(width, height int) []byte {
	b.t.Helper()
	var r struct{ Data string }
	b.call(b.session, "Page.captureScreenshot", map[string]any{"format": "png", "captureBeyondViewport": false,
		"clip": map[string]any{"x": 0, "y": 0, "width": width, "height": height, "scale": 1}}, &r)
	png, err := base64.StdEncoding.DecodeString(r.Data)
	if err != nil {
		b.t.Fatal(err)
	}
	return png
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	lines := bytes.Split([]byte(s), []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return string(bytes.Join(lines, []byte("\n")))
}
