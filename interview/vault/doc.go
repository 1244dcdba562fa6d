// Package vault keeps real interview sessions unreadable without the user's key. It holds
// two things:
//
//   - the user's identity: an age X25519 key pair created on the first real interview and
//     stored in DataDir()/identity.age, itself encrypted with the user's passphrase (age
//     scrypt). CreateIdentity writes it, UnlockIdentity reads it back;
//   - Store, an interview.Store that encrypts every session to the identity's public
//     recipient (plus, when the organisation configured one, its recovery recipient) and
//     writes it with interview.WriteFileAtomic as DataDir()/sessions/<CODE>.age.
//
// Saving needs only the public recipients, so an autosave after every answer costs an
// X25519 encryption and a durable write, never scrypt. Reading a session (resume, list,
// show) needs the identity, so a command unlocks it once (one scrypt, about a second and
// 256 MiB at the default work factor) and keeps it in memory for the rest of the command.
//
// # Files
//
//	DataDir()/identity.age          the X25519 identity, age-encrypted with the passphrase
//	DataDir()/sessions/<CODE>.age   one session (interview.Session JSON), age-encrypted to
//	                                the identity's recipient and the recovery recipient
//	DataDir()/identity-next.age     the new key of a key rotation that has not finished
//	                                (see Rotation); it replaces identity.age at the end
//	DataDir()/sessions/.tmp-<pid>-*
//	                                a save in progress (ciphertext only), named without
//	                                the case code; a killed process leaves it behind and
//	                                the next Open (resume, list) removes it at once
//
// Folders are 0700 and files 0600. No plaintext answer is ever written to disk: the
// session is encrypted in memory and only ciphertext reaches the temp file.
//
// # Deleting
//
// Remove deletes a session file and the temp files a killed save of it left. It does not
// erase the session: the key stays the same, so any copy of the file made before (a
// backup, a copied data folder, a SaveCopy, the blocks an SSD keeps after a removal) still
// opens with the identity, or with the recovery identity. Only replacing the key (Rotation)
// makes old copies unreadable. Exports already written are not touched either.
//
// # Recovery
//
// ReadFile opens a session file with any identity: the organisation's recovery identity
// (ReadIdentityFile reads it, plain or passphrase-protected) opens the files of a lost
// laptop, and Reencrypt writes a file again to other recipients (this computer's key and
// the recovery recipient) without its plaintext ever reaching the disk.
package vault
