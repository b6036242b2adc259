// Command bare is the baseline for binary size and build time: one net/http
// request whose answer is printed as JSON, and nothing else. Compare the
// ec2lite and sdk programs beside it with it.
package main

import (
	"encoding/json"
	"io"
	"log"
	"net/http"
	"os"
	"strings"
)

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: bare URL")
	}
	resp, err := http.Post(os.Args[1], "application/x-www-form-urlencoded",
		strings.NewReader("Action=DescribeClientVpnConnections&Version=2016-11-15"))
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		log.Fatal(err)
	}
	out := map[string]any{"Status": resp.StatusCode, "Body": string(body)}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		log.Fatal(err)
	}
}
