"""Command line: argparse subcommands that call services and print plain results."""
