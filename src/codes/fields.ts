// The bit fields of a 32-bit result code, read as an HRESULT and, when it looks like one, as an NTSTATUS.

/** HRESULT layout: S (bit 31), R (30), C (29), N (28), facility (16-26), code (0-15). */
export interface HresultFields {
  readonly severity: 'success' | 'failure';
  /** C bit: defined by a third party rather than Microsoft. */
  readonly customer: boolean;
  /** N bit: an NTSTATUS mapped into an HRESULT (HRESULT_FROM_NT). */
  readonly ntstatusFlag: boolean;
  readonly facility: number;
  readonly facilityName: string | null;
  readonly code: number;
}

/** NTSTATUS layout: severity (bits 30-31), C (29), facility (16-27), code (0-15). */
export interface NtstatusFields {
  readonly severity: 'success' | 'informational' | 'warning' | 'error';
  readonly customer: boolean;
  readonly facility: number;
  readonly code: number;
}

// winerror.h FACILITY_* values. 15 is FACILITY_SETUPAPI; the servicing stack (CBS) reports in it too.
const FACILITY_NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'FACILITY_NULL'],
  [1, 'FACILITY_RPC'],
  [2, 'FACILITY_DISPATCH'],
  [3, 'FACILITY_STORAGE'],
  [4, 'FACILITY_ITF'],
  [7, 'FACILITY_WIN32'],
  [8, 'FACILITY_WINDOWS'],
  [9, 'FACILITY_SECURITY'],
  [10, 'FACILITY_CONTROL'],
  [11, 'FACILITY_CERT'],
  [12, 'FACILITY_INTERNET'],
  [13, 'FACILITY_MEDIASERVER'],
  [14, 'FACILITY_MSMQ'],
  [15, 'FACILITY_SETUPAPI'],
  [16, 'FACILITY_SCARD'],
  [17, 'FACILITY_COMPLUS'],
  [18, 'FACILITY_AAF'],
  [19, 'FACILITY_URT'],
  [20, 'FACILITY_ACS'],
  [21, 'FACILITY_DPLAY'],
  [22, 'FACILITY_UMI'],
  [23, 'FACILITY_SXS'],
  [24, 'FACILITY_WINDOWS_CE'],
  [25, 'FACILITY_HTTP'],
  [26, 'FACILITY_USERMODE_COMMONLOG'],
  [31, 'FACILITY_USERMODE_FILTER_MANAGER'],
  [32, 'FACILITY_BACKGROUNDCOPY'],
  [33, 'FACILITY_CONFIGURATION'],
  [34, 'FACILITY_STATE_MANAGEMENT'],
  [35, 'FACILITY_METADIRECTORY'],
  [36, 'FACILITY_WINDOWSUPDATE'],
  [37, 'FACILITY_DIRECTORYSERVICE'],
  [38, 'FACILITY_GRAPHICS'],
  [39, 'FACILITY_SHELL'],
  [40, 'FACILITY_TPM_SERVICES'],
  [41, 'FACILITY_TPM_SOFTWARE'],
  [48, 'FACILITY_PLA'],
  [49, 'FACILITY_FVE'],
  [50, 'FACILITY_FWP'],
  [51, 'FACILITY_WINRM'],
  [52, 'FACILITY_NDIS'],
  [53, 'FACILITY_USERMODE_HYPERVISOR'],
  [54, 'FACILITY_CMI'],
  [55, 'FACILITY_USERMODE_VIRTUALIZATION'],
  [56, 'FACILITY_USERMODE_VOLMGR'],
  [57, 'FACILITY_BCD'],
  [58, 'FACILITY_USERMODE_VHD'],
  [60, 'FACILITY_SDIAG'],
  [61, 'FACILITY_WEBSERVICES'],
  [80, 'FACILITY_WINDOWS_DEFENDER'],
  [81, 'FACILITY_OPC'],
]);

const N_BIT = 0x10000000;

export function hresultFields(value: number): HresultFields {
  const v = value >>> 0;
  const facility = (v >>> 16) & 0x7ff;
  return {
    severity: v >>> 31 ? 'failure' : 'success',
    customer: ((v >>> 29) & 1) === 1,
    ntstatusFlag: ((v >>> 28) & 1) === 1,
    facility,
    facilityName: FACILITY_NAMES.get(facility) ?? null,
    code: v & 0xffff,
  };
}

const NTSTATUS_SEVERITIES = ['success', 'informational', 'warning', 'error'] as const;

/**
 * The NTSTATUS reading, given only when bit 30 is set: a well-formed HRESULT keeps that bit clear,
 * so a set bit means an NTSTATUS-style value (0xC... error, 0x4... informational).
 */
export function ntstatusFields(value: number): NtstatusFields | null {
  const v = value >>> 0;
  if (((v >>> 30) & 1) === 0) return null;
  return {
    severity: NTSTATUS_SEVERITIES[v >>> 30]!,
    customer: ((v >>> 29) & 1) === 1,
    facility: (v >>> 16) & 0xfff,
    code: v & 0xffff,
  };
}

/** A bare Win32 error number (1..0xFFFF), as sysprep's dwRet carries it. */
export function isWin32Number(value: number): boolean {
  const v = value >>> 0;
  return v > 0 && v <= 0xffff;
}

/** True when the value is HRESULT_FROM_WIN32 of a non-zero Win32 code (0x8007xxxx). */
export function isWin32Hresult(value: number): boolean {
  const v = value >>> 0;
  return v >>> 16 === 0x8007 && (v & 0xffff) !== 0;
}

/** A failure HRESULT of another facility than WIN32: the kind of code sysprep's chain can truncate. */
export function isForeignFailure(value: number): boolean {
  const v = value >>> 0;
  return v >>> 31 === 1 && !isWin32Hresult(v) && (v & 0xffff) !== 0;
}

/** HRESULT_FROM_NT(x) = x | 0x10000000. */
export function hresultFromNt(status: number): number {
  return (status | N_BIT) >>> 0;
}

/** The NTSTATUS behind an HRESULT_FROM_NT value, or undefined when the N bit is clear. */
export function ntstatusFromHresult(value: number): number | undefined {
  const v = value >>> 0;
  return v & N_BIT ? (v & ~N_BIT) >>> 0 : undefined;
}
