/**
 * Runs a generated Vivado Tcl script under plain `tclsh` with stub Vivado commands, for CI
 * (Vivado itself is not installable there). Each stub records its call (name, arguments, working
 * directory) as one JSON line and checks what real Vivado would need: every file argument is an
 * absolute path to a readable file, the flow's steps come in order (synth → opt → place →
 * route → reports → bitstream), and `synth_design` opens every `$readmemh("name"…)` of the read
 * sources relative to the current directory, as Vivado does — a file it cannot open is a
 * recorded critical warning (the silent all-zero ROM of the real tool), or an error once
 * `set_msg_config -id {Synth 8-4445} -new_severity ERROR` was called. Any command the stubs do not
 * define fails the run ("invalid command name"), so the script cannot call something unchecked.
 *
 * `tclsh` is REQUIRED in CI (`CI` set, or `LATENTKIT_REQUIRE_TCLSH=1`; `.ci/run` installs
 * Debian's `tcl`), as `iverilog` is: there a missing `tclsh` fails the test. On a developer
 * machine without it the stub runs are reported as not run (console warning).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTool } from '../src/node/find-tool.js';

const REQUIRE_TCLSH =
  (process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false') ||
  process.env.LATENTKIT_REQUIRE_TCLSH === '1';

/** True when `tclsh` can run; throws when it must (CI) but is missing. */
export function tclshAvailable(): boolean {
  if (findTool('tclsh') !== null) return true;
  if (REQUIRE_TCLSH) throw new Error('tclsh is required here (CI): apt-get install tcl');
  console.warn('tclsh not installed: the stub Vivado runs did not run');
  return false;
}

const PRELUDE = String.raw`
set ::stub_log [open $::env(STUB_LOG) w]
set ::stub_verilog {}
set ::stub_strict_readmem 0
set ::stub_stage none
proc stub_json {s} {
  return [string map [list "\\" "\\\\" "\"" "\\\"" "\n" "\\n" "\r" "\\r" "\t" "\\t"] $s]
}
proc stub_record {cmd args} {
  set items {}
  foreach a $args { lappend items "\"[stub_json $a]\"" }
  puts $::stub_log "{\"cmd\":\"$cmd\",\"cwd\":\"[stub_json [pwd]]\",\"args\":\[[join $items ,]\]}"
  flush $::stub_log
}
proc stub_file {cmd path} {
  if {[file pathtype $path] ne "absolute"} { error "stub $cmd: '$path' is not an absolute path" }
  if {![file readable $path]} { error "stub $cmd: no file '$path'" }
}
proc stub_out {cmd path} {
  if {[file pathtype $path] ne "absolute"} { error "stub $cmd: '$path' is not an absolute path" }
  if {![file isdirectory [file dirname $path]]} { error "stub $cmd: no folder for '$path'" }
  set fh [open $path w]; puts $fh "stub $cmd"; close $fh
}
proc stub_stage {cmd from to} {
  if {$::stub_stage ni $from} { error "stub $cmd: called after '$::stub_stage', needs one of $from" }
  if {$to ne ""} { set ::stub_stage $to }
}
proc stub_option {cmd args name} {
  set i [lsearch -exact $args $name]
  if {$i < 0 || $i + 1 >= [llength $args]} { error "stub $cmd: missing $name" }
  return [lindex $args [expr {$i + 1}]]
}
proc set_msg_config {args} {
  stub_record set_msg_config {*}$args
  if {[stub_option set_msg_config $args -id] eq "Synth 8-4445" &&
      [stub_option set_msg_config $args -new_severity] eq "ERROR"} { set ::stub_strict_readmem 1 }
}
proc read_verilog {args} {
  stub_record read_verilog {*}$args
  stub_stage read_verilog {none read} read
  foreach p $args { stub_file read_verilog $p; lappend ::stub_verilog $p }
}
proc read_xdc {args} {
  stub_record read_xdc {*}$args
  stub_stage read_xdc {read} read
  foreach p $args { stub_file read_xdc $p }
}
proc synth_design {args} {
  stub_record synth_design {*}$args
  stub_stage synth_design {read} synth
  stub_option synth_design $args -top
  stub_option synth_design $args -part
  foreach v $::stub_verilog {
    set fh [open $v r]; set text [read $fh]; close $fh
    foreach {all name} [regexp -all -inline {\$readmem[hb]\s*\(\s*"([^"]*)"} $text] {
      if {[file readable $name]} {
        stub_record readmem [file normalize $name]
      } elseif {$::stub_strict_readmem} {
        error "ERROR: \[Synth 8-4445\] could not open \$readmem data file '$name'"
      } else {
        stub_record critical_warning "Synth 8-4445" $name
      }
    }
  }
}
proc opt_design {args} { stub_record opt_design {*}$args; stub_stage opt_design {synth} opt }
proc place_design {args} { stub_record place_design {*}$args; stub_stage place_design {opt} place }
proc route_design {args} { stub_record route_design {*}$args; stub_stage route_design {place} route }
proc write_checkpoint {args} {
  stub_record write_checkpoint {*}$args
  stub_stage write_checkpoint {route} ""
  stub_out write_checkpoint [lindex $args end]
}
proc report_timing_summary {args} {
  stub_record report_timing_summary {*}$args
  stub_stage report_timing_summary {route} ""
  stub_out report_timing_summary [stub_option report_timing_summary $args -file]
}
proc report_utilization {args} {
  stub_record report_utilization {*}$args
  stub_stage report_utilization {route} ""
  stub_out report_utilization [stub_option report_utilization $args -file]
}
proc get_timing_paths {args} {
  stub_record get_timing_paths {*}$args
  stub_stage get_timing_paths {route} ""
  return [list "stub_path_[stub_option get_timing_paths $args -delay_type]"]
}
proc get_property {name object} {
  stub_record get_property $name $object
  if {$name ne "SLACK"} { error "stub get_property: unexpected property $name" }
  if {$object eq "stub_path_max"} { return $::env(STUB_WNS) }
  if {$object eq "stub_path_min"} { return $::env(STUB_WHS) }
  error "stub get_property: unknown object $object"
}
proc write_bitstream {args} {
  stub_record write_bitstream {*}$args
  stub_stage write_bitstream {route} done
  stub_out write_bitstream [lindex $args end]
}
proc open_hw_manager {args} { stub_record open_hw_manager {*}$args; stub_stage open_hw_manager {none} hw }
proc connect_hw_server {args} { stub_record connect_hw_server {*}$args; stub_stage connect_hw_server {hw} server }
proc open_hw_target {args} { stub_record open_hw_target {*}$args; stub_stage open_hw_target {server} target }
proc get_hw_devices {args} {
  stub_record get_hw_devices {*}$args
  stub_stage get_hw_devices {target} ""
  if {[string match [lindex $args end] $::env(STUB_DEVICE)]} { return [list $::env(STUB_DEVICE)] }
  return {}
}
proc current_hw_device {dev} { stub_record current_hw_device $dev; stub_stage current_hw_device {target} device }
proc set_property {name value object} {
  stub_record set_property $name $value $object
  stub_stage set_property {device} ""
  if {$name eq "PROGRAM.FILE"} { stub_file set_property $value }
}
proc program_hw_devices {dev} { stub_record program_hw_devices $dev; stub_stage program_hw_devices {device} programmed }
proc refresh_hw_device {dev} { stub_record refresh_hw_device $dev; stub_stage refresh_hw_device {programmed} "" }
proc close_hw_manager {args} { stub_record close_hw_manager {*}$args; stub_stage close_hw_manager {programmed} closed }

source [lindex $argv 0]
`;

/** One recorded stub call. */
export interface StubCall {
  cmd: string;
  args: string[];
  cwd: string;
}

/** Result of {@link runStubVivado}. */
export interface StubRun {
  /** Exit status of `tclsh` (0: the script ran to its end). */
  status: number;
  /** Calls in order. */
  calls: StubCall[];
  /** Standard error (Tcl's error message on failure). */
  stderr: string;
  /** Standard output (the script's `puts`). */
  stdout: string;
}

/**
 * Runs `script` (a path) under `tclsh` with the stubs, in a fresh empty working directory (so a
 * script that relied on where it was started from would fail).
 *
 * @param env - `STUB_WNS` / `STUB_WHS` (ns, default 0.5 / 0.05), `STUB_DEVICE` (default `xc7a100t_0`).
 */
export function runStubVivado(script: string, env: Record<string, string> = {}): StubRun {
  const scratch = mkdtempSync(join(tmpdir(), 'latentkit-stub-vivado-'));
  const prelude = join(scratch, 'stub-vivado.tcl');
  const log = join(scratch, 'calls.jsonl');
  writeFileSync(prelude, PRELUDE);
  const cwd = mkdtempSync(join(scratch, 'cwd-'));
  const r = spawnSync('tclsh', [prelude, script], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      STUB_LOG: log,
      STUB_WNS: '0.5',
      STUB_WHS: '0.05',
      STUB_DEVICE: 'xc7a100t_0',
      ...env,
    },
    timeout: 60_000,
  });
  let text = '';
  try {
    text = readFileSync(log, 'utf8');
  } catch {
    // no call recorded
  }
  const calls = text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as StubCall);
  return { status: r.status ?? -1, calls, stderr: r.stderr ?? '', stdout: r.stdout ?? '' };
}
