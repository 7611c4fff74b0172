//go:build !linux

package gcpace

func reserveHugePages() {}
