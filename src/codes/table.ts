// Known result codes for `explain`. Precision over volume: every row is checked against its source.
// Win32 errors are stored once, by their Win32 number; their HRESULT_FROM_WIN32 form (0x8007xxxx)
// is derived when a code is explained, never stored as a row of its own.

export type CodeKind = 'win32' | 'hresult' | 'ntstatus' | 'setup';

export interface TableEntry {
  /** Unsigned 32-bit value; for `win32` the bare Win32 number (15602, not 0x80073CF2). */
  readonly value: number;
  /** The symbolic constant, or a short description when `descriptive` is set. */
  readonly name: string;
  readonly meaning: string;
  readonly kind: CodeKind;
  /** Where the row comes from. */
  readonly source: string;
  /** True when `name` describes the code because no symbolic constant is confirmed. */
  readonly descriptive?: boolean;
  /** For `win32` rows: the HRESULT constant equal to HRESULT_FROM_WIN32 of the code (E_ACCESSDENIED). */
  readonly hresultName?: string;
}

const WINERROR = 'Microsoft System Error Codes (winerror.h)';
const COM = 'Microsoft COM Error Codes (winerror.h)';
const WBEM = 'Microsoft WMI Error Constants (wbemcli.h)';
const CBS = 'Microsoft servicing (CBS) error codes (winerror.h)';
const NTSTATUS = 'ntstatus.h';
const UPGRADE = 'Microsoft "Upgrade error codes" [MS M12]';
const CATALOGUE_M21 = 'signatures.md §1.2 [MS M21]';
const SETUPAPI = 'Microsoft SetupAPI error codes (setupapi.h)';

function win32(value: number, name: string, meaning: string, source = WINERROR, hresultName?: string): TableEntry {
  return hresultName ? { value, name, meaning, kind: 'win32', source, hresultName } : { value, name, meaning, kind: 'win32', source };
}

function hresult(value: number, name: string, meaning: string, source = COM): TableEntry {
  return { value, name, meaning, kind: 'hresult', source };
}

function ntstatus(value: number, name: string, meaning: string): TableEntry {
  return { value, name, meaning, kind: 'ntstatus', source: NTSTATUS };
}

function setup(value: number, name: string, meaning: string): TableEntry {
  return { value, name, meaning, kind: 'setup', source: UPGRADE };
}

/** A row whose symbolic name is not confirmed: `name` is a description and `source` says so. */
function described(value: number, kind: CodeKind, name: string, meaning: string, source: string): TableEntry {
  return { value, name, meaning, kind, source, descriptive: true };
}

const WIN32_ERRORS: readonly TableEntry[] = [
  win32(0, 'ERROR_SUCCESS', 'The operation completed successfully.'),
  win32(1, 'ERROR_INVALID_FUNCTION', 'Incorrect function.'),
  win32(2, 'ERROR_FILE_NOT_FOUND', 'The system cannot find the file specified.', CATALOGUE_M21),
  win32(3, 'ERROR_PATH_NOT_FOUND', 'The system cannot find the path specified.', CATALOGUE_M21),
  win32(4, 'ERROR_TOO_MANY_OPEN_FILES', 'The system cannot open the file.'),
  win32(5, 'ERROR_ACCESS_DENIED', 'Access is denied.', CATALOGUE_M21, 'E_ACCESSDENIED'),
  win32(6, 'ERROR_INVALID_HANDLE', 'The handle is invalid.', WINERROR, 'E_HANDLE'),
  win32(8, 'ERROR_NOT_ENOUGH_MEMORY', 'Not enough memory resources are available to process this command.'),
  win32(13, 'ERROR_INVALID_DATA', 'The data is invalid.'),
  win32(14, 'ERROR_OUTOFMEMORY', 'Not enough memory resources are available to complete this operation.', WINERROR, 'E_OUTOFMEMORY'),
  win32(15, 'ERROR_INVALID_DRIVE', 'The system cannot find the drive specified.'),
  win32(18, 'ERROR_NO_MORE_FILES', 'There are no more files.'),
  win32(21, 'ERROR_NOT_READY', 'The device is not ready.'),
  win32(23, 'ERROR_CRC', 'Data error (cyclic redundancy check).'),
  win32(31, 'ERROR_GEN_FAILURE', 'A device attached to the system is not functioning.', CATALOGUE_M21),
  win32(32, 'ERROR_SHARING_VIOLATION', 'The process cannot access the file because it is being used by another process.', CATALOGUE_M21),
  win32(33, 'ERROR_LOCK_VIOLATION', 'The process cannot access the file because another process has locked a portion of the file.'),
  win32(38, 'ERROR_HANDLE_EOF', 'Reached the end of the file.'),
  win32(50, 'ERROR_NOT_SUPPORTED', 'The request is not supported.'),
  win32(53, 'ERROR_BAD_NETPATH', 'The network path was not found.'),
  win32(80, 'ERROR_FILE_EXISTS', 'The file exists.'),
  win32(87, 'ERROR_INVALID_PARAMETER', 'The parameter is incorrect.', CATALOGUE_M21, 'E_INVALIDARG'),
  win32(112, 'ERROR_DISK_FULL', 'There is not enough space on the disk.', 'signatures.md §1.2 [MS M12]'),
  win32(122, 'ERROR_INSUFFICIENT_BUFFER', 'The data area passed to a system call is too small.'),
  win32(123, 'ERROR_INVALID_NAME', 'The filename, directory name, or volume label syntax is incorrect.'),
  win32(126, 'ERROR_MOD_NOT_FOUND', 'The specified module could not be found.'),
  win32(127, 'ERROR_PROC_NOT_FOUND', 'The specified procedure could not be found.'),
  win32(145, 'ERROR_DIR_NOT_EMPTY', 'The directory is not empty.'),
  win32(161, 'ERROR_BAD_PATHNAME', 'The specified path is invalid.'),
  win32(183, 'ERROR_ALREADY_EXISTS', 'Cannot create a file when that file already exists.'),
  win32(193, 'ERROR_BAD_EXE_FORMAT', '%1 is not a valid Win32 application.'),
  win32(203, 'ERROR_ENVVAR_NOT_FOUND', 'The system could not find the environment option that was entered.'),
  win32(206, 'ERROR_FILENAME_EXCED_RANGE', 'The filename or extension is too long.'),
  win32(234, 'ERROR_MORE_DATA', 'More data is available.'),
  win32(258, 'WAIT_TIMEOUT', 'The wait operation timed out.'),
  win32(259, 'ERROR_NO_MORE_ITEMS', 'No more data is available.'),
  win32(267, 'ERROR_DIRECTORY', 'The directory name is invalid.'),
  win32(299, 'ERROR_PARTIAL_COPY', 'Only part of a ReadProcessMemory or WriteProcessMemory request was completed.'),
  win32(577, 'ERROR_INVALID_IMAGE_HASH', 'Windows cannot verify the digital signature for this file.'),
  win32(665, 'ERROR_FILE_SYSTEM_LIMITATION', 'The requested operation could not be completed due to a file system limitation.'),
  win32(740, 'ERROR_ELEVATION_REQUIRED', 'The requested operation requires elevation.'),
  win32(1004, 'ERROR_INVALID_FLAGS', 'Invalid flags.'),
  win32(1005, 'ERROR_UNRECOGNIZED_VOLUME', 'The volume does not contain a recognized file system.'),
  win32(1006, 'ERROR_FILE_INVALID', 'The volume for a file has been externally altered so that the opened file is no longer valid.'),
  win32(1009, 'ERROR_BADDB', 'The configuration registry database is corrupt.'),
  win32(1010, 'ERROR_BADKEY', 'The configuration registry key is invalid.'),
  win32(1015, 'ERROR_REGISTRY_CORRUPT', 'The registry is corrupted.'),
  win32(1018, 'ERROR_KEY_DELETED', 'Illegal operation attempted on a registry key that has been marked for deletion.'),
  win32(1051, 'ERROR_DEPENDENT_SERVICES_RUNNING', 'A stop control has been sent to a service that other running services are dependent on.'),
  win32(1052, 'ERROR_INVALID_SERVICE_CONTROL', 'The requested control is not valid for this service.'),
  win32(1053, 'ERROR_SERVICE_REQUEST_TIMEOUT', 'The service did not respond to the start or control request in a timely fashion.'),
  win32(1054, 'ERROR_SERVICE_NO_THREAD', 'A thread could not be created for the service.'),
  win32(1055, 'ERROR_SERVICE_DATABASE_LOCKED', 'The service database is locked.'),
  win32(1056, 'ERROR_SERVICE_ALREADY_RUNNING', 'An instance of the service is already running.'),
  win32(1057, 'ERROR_INVALID_SERVICE_ACCOUNT', 'The account name is invalid or does not exist, or the password is invalid for the account name specified.'),
  win32(1058, 'ERROR_SERVICE_DISABLED', 'The service cannot be started, either because it is disabled or because it has no enabled devices associated with it.'),
  win32(1059, 'ERROR_CIRCULAR_DEPENDENCY', 'Circular service dependency was specified.'),
  win32(1060, 'ERROR_SERVICE_DOES_NOT_EXIST', 'The specified service does not exist as an installed service.'),
  win32(1061, 'ERROR_SERVICE_CANNOT_ACCEPT_CTRL', 'The service cannot accept control messages at this time.'),
  win32(1062, 'ERROR_SERVICE_NOT_ACTIVE', 'The service has not been started.'),
  win32(1063, 'ERROR_FAILED_SERVICE_CONTROLLER_CONNECT', 'The service process could not connect to the service controller.'),
  win32(1064, 'ERROR_EXCEPTION_IN_SERVICE', 'An exception occurred in the service when handling the control request.'),
  win32(1065, 'ERROR_DATABASE_DOES_NOT_EXIST', 'The database specified does not exist.'),
  win32(1066, 'ERROR_SERVICE_SPECIFIC_ERROR', 'The service has returned a service-specific error code.'),
  win32(1067, 'ERROR_PROCESS_ABORTED', 'The process terminated unexpectedly.', CATALOGUE_M21),
  win32(1068, 'ERROR_SERVICE_DEPENDENCY_FAIL', 'The dependency service or group failed to start.'),
  win32(1069, 'ERROR_SERVICE_LOGON_FAILED', 'The service did not start due to a logon failure.'),
  win32(1070, 'ERROR_SERVICE_START_HANG', 'After starting, the service hung in a start-pending state.'),
  win32(1071, 'ERROR_INVALID_SERVICE_LOCK', 'The specified service database lock is invalid.'),
  win32(1072, 'ERROR_SERVICE_MARKED_FOR_DELETE', 'The specified service has been marked for deletion.'),
  win32(1073, 'ERROR_SERVICE_EXISTS', 'The specified service already exists.'),
  win32(1074, 'ERROR_ALREADY_RUNNING_LKG', 'The system is currently running with the last-known-good configuration.'),
  win32(1075, 'ERROR_SERVICE_DEPENDENCY_DELETED', 'The dependency service does not exist or has been marked for deletion.'),
  win32(1076, 'ERROR_BOOT_ALREADY_ACCEPTED', 'The current boot has already been accepted for use as the last-known-good control set.'),
  win32(1077, 'ERROR_SERVICE_NEVER_STARTED', 'No attempts to start the service have been made since the last boot.'),
  win32(1078, 'ERROR_DUPLICATE_SERVICE_NAME', 'The name is already in use as either a service name or a service display name.'),
  win32(1079, 'ERROR_DIFFERENT_SERVICE_ACCOUNT', 'The account specified for this service is different from the account specified for other services running in the same process.'),
  win32(1114, 'ERROR_DLL_INIT_FAILED', 'A dynamic link library (DLL) initialization routine failed.'),
  win32(1115, 'ERROR_SHUTDOWN_IN_PROGRESS', 'A system shutdown is in progress.'),
  win32(1117, 'ERROR_IO_DEVICE', 'The request could not be performed because of an I/O device error.'),
  win32(1168, 'ERROR_NOT_FOUND', 'Element not found.', CATALOGUE_M21),
  win32(1223, 'ERROR_CANCELLED', 'The operation was canceled by the user.'),
  win32(1314, 'ERROR_PRIVILEGE_NOT_HELD', 'A required privilege is not held by the client.'),
  win32(1326, 'ERROR_LOGON_FAILURE', 'The user name or password is incorrect.', 'signatures.md §1.2 [MS M21][M17]'),
  win32(1327, 'ERROR_ACCOUNT_RESTRICTION', 'Account restrictions are preventing this user from signing in.'),
  win32(1330, 'ERROR_PASSWORD_EXPIRED', 'The password for this account has expired.'),
  win32(1331, 'ERROR_ACCOUNT_DISABLED', 'This user can\'t sign in because this account is currently disabled.'),
  win32(1355, 'ERROR_NO_SUCH_DOMAIN', 'The specified domain either does not exist or could not be contacted.', 'signatures.md §1.2 [MS M21][M17]'),
  win32(1359, 'ERROR_INTERNAL_ERROR', 'An internal error occurred.'),
  win32(1392, 'ERROR_FILE_CORRUPT', 'The file or directory is corrupted and unreadable.', 'signatures.md §1.2 [MS M11]'),
  win32(1450, 'ERROR_NO_SYSTEM_RESOURCES', 'Insufficient system resources exist to complete the requested service.'),
  win32(1460, 'ERROR_TIMEOUT', 'This operation returned because the timeout period expired.'),
  win32(1603, 'ERROR_INSTALL_FAILURE', 'Fatal error during installation.'),
  win32(1614, 'ERROR_PRODUCT_UNINSTALLED', 'Product is uninstalled.'),
  win32(1618, 'ERROR_INSTALL_ALREADY_RUNNING', 'Another installation is already in progress. Complete that installation before proceeding with this install.'),
  win32(1641, 'ERROR_SUCCESS_REBOOT_INITIATED', 'The requested operation completed successfully. The system will be restarted so the changes can take effect.'),
  win32(1717, 'RPC_S_UNKNOWN_IF', 'The interface is unknown.', CATALOGUE_M21),
  win32(1722, 'RPC_S_SERVER_UNAVAILABLE', 'The RPC server is unavailable.', CATALOGUE_M21),
  win32(1726, 'RPC_S_CALL_FAILED', 'The remote procedure call failed.'),
  win32(1804, 'ERROR_INVALID_DATATYPE', 'The specified datatype is invalid.'),
  win32(1909, 'ERROR_ACCOUNT_LOCKED_OUT', 'The referenced account is currently locked out and may not be logged on to.'),
  win32(1920, 'ERROR_CANT_ACCESS_FILE', 'The file cannot be accessed by the system.'),
  win32(3010, 'ERROR_SUCCESS_REBOOT_REQUIRED', 'The requested operation is successful. Changes will not be effective until the system is rebooted.'),
  win32(3017, 'ERROR_FAIL_REBOOT_REQUIRED', 'The requested operation failed. A system reboot is required to roll back changes made.'),
  win32(14001, 'ERROR_SXS_CANT_GEN_ACTCTX', 'The application has failed to start because its side-by-side configuration is incorrect.'),
  win32(14003, 'ERROR_SXS_ASSEMBLY_NOT_FOUND', 'The referenced assembly could not be found.'),
  win32(14081, 'ERROR_SXS_ASSEMBLY_MISSING', 'The referenced assembly is not installed on your system.'),
  win32(14098, 'ERROR_SXS_COMPONENT_STORE_CORRUPT', 'The component store has been corrupted.'),
  win32(14107, 'ERROR_SXS_TRANSACTION_CLOSURE_INCOMPLETE', 'One or more required members of the transaction are not present.'),
];

// AppX deployment errors (winerror.h, 15600-15699), as they show up in AppxSysprep.dll failures.
const APPX_ERRORS: readonly TableEntry[] = [
  win32(15600, 'ERROR_INSTALL_OPEN_PACKAGE_FAILED', 'Package could not be opened.'),
  win32(15601, 'ERROR_INSTALL_PACKAGE_NOT_FOUND', 'Package was not found.'),
  win32(15602, 'ERROR_INSTALL_INVALID_PACKAGE', 'Package data is invalid.', 'signatures.md §1.2 [MS M20]'),
  win32(15603, 'ERROR_INSTALL_RESOLVE_DEPENDENCY_FAILED', 'Package failed updates, dependency or conflict validation.'),
  win32(15604, 'ERROR_INSTALL_OUT_OF_DISK_SPACE', 'There is not enough disk space on your computer. Please free up some space and try again.'),
  win32(15605, 'ERROR_INSTALL_NETWORK_FAILURE', 'There was a problem downloading your product.'),
  win32(15606, 'ERROR_INSTALL_REGISTRATION_FAILURE', 'Package could not be registered.'),
  win32(15607, 'ERROR_INSTALL_DEREGISTRATION_FAILURE', 'Package could not be unregistered.'),
  win32(15608, 'ERROR_INSTALL_CANCEL', 'User cancelled the install request.'),
  win32(15609, 'ERROR_INSTALL_FAILED', 'Install failed. Please contact your software vendor.', 'Microsoft System Error Codes 12000-15999 [MS M20]'),
  win32(15610, 'ERROR_REMOVE_FAILED', 'Removal failed. Please contact your software vendor.'),
  win32(15611, 'ERROR_PACKAGE_ALREADY_EXISTS', 'The provided package is already installed, and reinstallation of the package was blocked.'),
  win32(15612, 'ERROR_NEEDS_REMEDIATION', 'The application cannot be started. Try reinstalling the application to fix the problem.'),
  win32(15613, 'ERROR_INSTALL_PREREQUISITE_FAILED', 'A Prerequisite for an install could not be satisfied.'),
  win32(15614, 'ERROR_PACKAGE_REPOSITORY_CORRUPTED', 'The package repository is corrupted.'),
  win32(15615, 'ERROR_INSTALL_POLICY_FAILURE', 'To install this application you need either a Windows developer license or a sideloading-enabled system.'),
  win32(15616, 'ERROR_PACKAGE_UPDATING', 'The application cannot be started because it is currently updating.'),
  win32(15617, 'ERROR_DEPLOYMENT_BLOCKED_BY_POLICY', 'The package deployment operation is blocked by policy. Please contact your system administrator.'),
  win32(15618, 'ERROR_PACKAGES_IN_USE', 'The package could not be installed because resources it modifies are currently in use.'),
  win32(15621, 'ERROR_DELETING_EXISTING_APPLICATIONDATA_STORE_FAILED', 'An error occurred while deleting the package\'s previously existing application data.'),
  win32(15622, 'ERROR_INSTALL_PACKAGE_DOWNGRADE', 'The package could not be installed because a higher version of this package is already installed.'),
];

const HRESULTS: readonly TableEntry[] = [
  hresult(0x00000000, 'S_OK', 'Success.'),
  hresult(0x00000001, 'S_FALSE', 'Success, with a false or partial result.'),
  hresult(0x80004001, 'E_NOTIMPL', 'Not implemented.'),
  hresult(0x80004002, 'E_NOINTERFACE', 'No such interface supported.'),
  hresult(0x80004003, 'E_POINTER', 'Invalid pointer.'),
  hresult(0x80004004, 'E_ABORT', 'Operation aborted.'),
  hresult(0x80004005, 'E_FAIL', 'Unspecified error.'),
  hresult(0x8000FFFF, 'E_UNEXPECTED', 'Catastrophic failure.'),
  hresult(0x80010105, 'RPC_E_SERVERFAULT', 'The server threw an exception.'),
  hresult(0x80010106, 'RPC_E_CHANGED_MODE', 'Cannot change thread mode after it is set.', 'signatures.md §1.2 [INF: numeric conversion]; COM Error Codes (winerror.h)'),
  hresult(0x80010108, 'RPC_E_DISCONNECTED', 'The object invoked has disconnected from its clients.'),
  hresult(0x80040154, 'REGDB_E_CLASSNOTREG', 'Class not registered.'),
  hresult(0x800401F0, 'CO_E_NOTINITIALIZED', 'CoInitialize has not been called.'),
  hresult(0x80080005, 'CO_E_SERVER_EXEC_FAILURE', 'Server execution failed.', CATALOGUE_M21),
  hresult(0x800B0100, 'TRUST_E_NOSIGNATURE', 'No signature was present in the subject.'),
  hresult(0x800B0109, 'CERT_E_UNTRUSTEDROOT', 'A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.'),
  hresult(0x80041001, 'WBEM_E_FAILED', 'WMI: generic failure.', WBEM),
  hresult(0x80041002, 'WBEM_E_NOT_FOUND', 'WMI: object cannot be found.', WBEM),
  hresult(0x80041003, 'WBEM_E_ACCESS_DENIED', 'WMI: the current user does not have permission to perform the action.', WBEM),
  hresult(0x80041004, 'WBEM_E_PROVIDER_FAILURE', 'WMI: a provider has failed at some time other than during initialization.', WBEM),
  hresult(0x80041008, 'WBEM_E_INVALID_PARAMETER', 'WMI: one of the parameters to the call is not correct.', WBEM),
  hresult(0x8004100E, 'WBEM_E_INVALID_NAMESPACE', 'WMI: namespace specified cannot be found.', WBEM),
  hresult(0x80041010, 'WBEM_E_INVALID_CLASS', 'WMI: the specified class is not valid. Appears in logs as hr=2147749904.', 'signatures.md §1.2 [INF: numeric conversion]; ' + WBEM),
  hresult(0x80041013, 'WBEM_E_PROVIDER_LOAD_FAILURE', 'WMI: COM cannot locate a provider referenced in the schema.', WBEM),
  hresult(0x80310000, 'FVE_E_LOCKED_VOLUME', 'BitLocker: this drive is locked by BitLocker Drive Encryption.', 'Microsoft BitLocker error codes (winerror.h)'),
  hresult(0x80310039, 'FVE_E_NOT_DECRYPTED', 'BitLocker: the volume is fully or partially encrypted; it must be fully decrypted for this operation.', 'signatures.md §1.2 [MS M22]'),
  hresult(0x800F0805, 'CBS_E_INVALID_PACKAGE', 'The update package was not a valid CSI update.', CBS),
  hresult(0x800F081E, 'CBS_E_NOT_APPLICABLE', 'The package is not applicable.', CBS),
  hresult(0x800F081F, 'CBS_E_SOURCE_MISSING', 'The source files could not be found.', CBS),
  hresult(0x800F0823, 'CBS_E_NEW_SERVICING_STACK_REQUIRED', 'The package needs a newer version of the servicing stack.', CBS),
  hresult(0x800F0831, 'CBS_E_STORE_CORRUPTION', 'The component store (CBS store) is corrupted.', CBS),
  hresult(0x800F0906, 'CBS_E_DOWNLOAD_FAILURE', 'The source files could not be downloaded.', CBS),
  hresult(0x800F0922, 'CBS_E_INSTALLERS_FAILED', 'Processing advanced installers and generic commands failed.', CBS),
  described(0x800F0975, 'hresult', 'CBS: reserved storage in use',
    'Servicing (CBS-facility) error; sysprep logs "Audit mode cannot be turned on if reserved storage is in use. An update or servicing operation may be using reserved storage."',
    'signatures.md §1.2 [MS M8] — symbolic name not confirmed'),
  described(0x80220005, 'hresult', 'FACILITY_STATE_MANAGEMENT code 5',
    'Settings engine (facility 0x22) error 5; in unattend processing a setting value failed validation. Logs decode it as [Error,Facility=FACILITY_STATE_MANAGEMENT,Code=5].',
    'signatures.md §1.2, SIG-24 [COMM] — symbolic name not confirmed'),
  described(0xC004D307, 'hresult', 'Software Protection: rearm limit exceeded',
    'The maximum allowed number of re-arms has been exceeded. You must re-install the OS before trying to re-arm again. Logged as -1073425657 by SLReArmWindows.',
    'signatures.md §1.2 [MS M5]; Software Protection (slmgr) — symbolic name not confirmed'),
  described(0xC004F075, 'hresult', 'Software Protection: service stopping or not ready',
    'Software Protection error reported by image builders when the licensing service (sppsvc) is stopping or not yet ready during rearm.',
    'signatures.md §1.2 [COMM]; Software Protection (slmgr) — symbolic name not confirmed'),
];

const NTSTATUSES: readonly TableEntry[] = [
  ntstatus(0x00000000, 'STATUS_SUCCESS', 'The operation completed successfully.'),
  ntstatus(0xC0000001, 'STATUS_UNSUCCESSFUL', 'Operation unsuccessful.'),
  ntstatus(0xC0000005, 'STATUS_ACCESS_VIOLATION', 'The instruction referenced memory it could not access.'),
  ntstatus(0xC0000008, 'STATUS_INVALID_HANDLE', 'An invalid HANDLE was specified.'),
  ntstatus(0xC000000D, 'STATUS_INVALID_PARAMETER', 'An invalid parameter was passed to a service or function.'),
  ntstatus(0xC000000F, 'STATUS_NO_SUCH_FILE', 'The file does not exist.'),
  ntstatus(0xC0000017, 'STATUS_NO_MEMORY', 'Not enough virtual memory or paging file quota is available to complete the specified operation.'),
  ntstatus(0xC0000022, 'STATUS_ACCESS_DENIED', 'A process has requested access to an object but has not been granted those access rights.'),
  ntstatus(0xC0000034, 'STATUS_OBJECT_NAME_NOT_FOUND', 'The object name is not found.'),
  ntstatus(0xC000003A, 'STATUS_OBJECT_PATH_NOT_FOUND', 'The path does not exist.'),
  ntstatus(0xC0000043, 'STATUS_SHARING_VIOLATION', 'A file cannot be opened because the share access flags are incompatible.'),
  ntstatus(0xC000007F, 'STATUS_DISK_FULL', 'An operation failed because the disk was full.'),
  ntstatus(0xC000009A, 'STATUS_INSUFFICIENT_RESOURCES', 'Insufficient system resources exist to complete the API.'),
  ntstatus(0xC00000BB, 'STATUS_NOT_SUPPORTED', 'The request is not supported.'),
  ntstatus(0xC0000102, 'STATUS_FILE_CORRUPT_ERROR', 'The file or directory is corrupt and unreadable.'),
  ntstatus(0xC0000135, 'STATUS_DLL_NOT_FOUND', 'The code execution cannot proceed because a required DLL was not found.'),
  ntstatus(0xC000014C, 'STATUS_REGISTRY_CORRUPT', 'The structure of one of the files that contains registry data is corrupt.'),
  ntstatus(0xC0000185, 'STATUS_IO_DEVICE_ERROR', 'The I/O device reported an I/O error.'),
  ntstatus(0xC000021A, 'STATUS_SYSTEM_PROCESS_TERMINATED', 'A critical system process terminated unexpectedly (the "STOP c000021a" bugcheck).'),
  ntstatus(0xC0000225, 'STATUS_NOT_FOUND', 'The object was not found.'),
];

// SetupAPI errors (setupapi.h: APPLICATION_ERROR_MASK | ERROR_SEVERITY_ERROR | n), as PnP sysprep providers log them.
const SETUPAPI_ERRORS: readonly TableEntry[] = [
  hresult(0xE0000203, 'ERROR_NO_DRIVER_SELECTED', 'SetupAPI: no driver is selected for the device.', SETUPAPI),
  hresult(0xE000020B, 'ERROR_NO_SUCH_DEVINST', 'SetupAPI: the device instance does not exist.', SETUPAPI),
  hresult(0xE0000231, 'ERROR_NOT_DISABLEABLE', 'SetupAPI: the device cannot be disabled. Logged by the PnP sysprep provider for root-enumerated devices (benign, signatures.md §4).', SETUPAPI),
];

const SETUP_RESULTS: readonly TableEntry[] = [
  described(0xC1900101, 'setup', 'Windows Setup: generic rollback',
    'Generic upgrade rollback, usually a driver incompatibility. Read with its extend code 0xPxxOO: P = phase (1 down-level, 2 SafeOS, 3 first boot, 4 OOBE boot, 5 uninstall), OO = operation.',
    'signatures.md §1.2, SIG-33 [MS M12] — no symbolic name documented'),
  described(0xC1900107, 'setup', 'Windows Setup: cleanup pending',
    'A cleanup operation from a previous installation attempt is still pending; a reboot is required to continue the upgrade.',
    UPGRADE + ' — no symbolic name documented'),
  setup(0xC1900200, 'MOSETUP_E_COMPAT_SYSREQ_BLOCK', 'The computer is not eligible for the upgrade: it does not meet the minimum system requirements.'),
  described(0xC1900202, 'setup', 'Windows Setup: update requirements not met',
    'The system did not pass the minimum requirements to install the update.',
    UPGRADE + ' — symbolic name not confirmed'),
  setup(0xC1900204, 'MOSETUP_E_COMPAT_MIGCHOICE_BLOCK', 'The selected migration choice is not available (for example, keeping apps and files across editions or languages).'),
  setup(0xC1900208, 'MOSETUP_E_COMPAT_INSTALLREQ_BLOCK', 'The compatibility check found an actionable issue, such as an incompatible app, that blocks the upgrade.'),
  setup(0xC190020E, 'MOSETUP_E_INSTALLDISKSPACE_BLOCK', 'The computer does not have enough free disk space for the upgrade.'),
  setup(0xC1900210, 'MOSETUP_E_COMPAT_SCANONLY', 'Compatibility scan only (/Compat ScanOnly): no compatibility issue was found.'),
];

export const CODE_TABLE: readonly TableEntry[] = [...WIN32_ERRORS, ...APPX_ERRORS, ...HRESULTS, ...NTSTATUSES, ...SETUPAPI_ERRORS, ...SETUP_RESULTS];

const byValue = new Map<number, TableEntry[]>();
for (const entry of CODE_TABLE) {
  const list = byValue.get(entry.value);
  if (list) list.push(entry);
  else byValue.set(entry.value, [entry]);
}

/** Every row stored under exactly this value (a Win32 row only under its bare number). */
export function entriesFor(value: number): readonly TableEntry[] {
  return byValue.get(value >>> 0) ?? [];
}

/** The row of one kind stored under this value, if any. */
export function entryOfKind(value: number, kind: CodeKind): TableEntry | undefined {
  return entriesFor(value).find((entry) => entry.kind === kind);
}
